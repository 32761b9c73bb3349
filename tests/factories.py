"""Factories for the domain. Defaults describe an eligible foreign buyer."""

import datetime as dt

import factory
from django.contrib.auth.models import Group

from accounts import services as accounts_services
from accounts.models import Delegate, Enterprise, User
from events.models import Conference, IndustryField, Seniority
from events.services import ensure_rules


class IndustryFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndustryField
        django_get_or_create = ["slug"]

    slug = "software"
    name = "Software"
    name_zh = "软件"


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference
        skip_postgeneration_save = True

    edition = factory.Sequence(lambda n: n + 100)
    slug = factory.LazyAttribute(lambda o: f"conf-{o.edition}")
    name = factory.LazyAttribute(lambda o: f"Conference {o.edition}")
    host_city = "Nanjing"
    host_country = "CN"
    time_zone = "Asia/Shanghai"
    # Ahead of today, so its slots can still be booked.
    start_date = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=60))
    end_date = factory.LazyAttribute(lambda o: o.start_date + dt.timedelta(days=1))
    status = "matchmaking_open"

    @factory.post_generation
    def rules(obj, create, extracted, **kwargs):
        if create:
            ensure_rules(conference=obj)


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise
        skip_postgeneration_save = True

    legal_name = factory.Sequence(lambda n: f"Enterprise {n} Inc.")
    slug = factory.Sequence(lambda n: f"enterprise-{n}")
    country = "US"
    city = "Boston"
    role = "buyer"
    contract_value_usd = 10_000_000
    needs = "software testing"

    @factory.post_generation
    def fields(obj, create, extracted, **kwargs):
        if create:
            obj.fields.set(extracted if extracted is not None else [IndustryFieldFactory()])


class SupplierFactory(EnterpriseFactory):
    country = "CN"
    city = "Suzhou"
    role = "supplier"
    contract_value_usd = None
    offers = "software testing"
    needs = ""


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegate

    enterprise = factory.SubFactory(EnterpriseFactory)
    full_name = factory.Sequence(lambda n: f"Delegate {n}")
    title = "Outsourcing Manager"
    seniority = Seniority.MANAGER
    email = factory.Sequence(lambda n: f"delegate{n}@example.com")
    languages = "en"


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"staff{n}@example.com")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests-1")

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        for name in extracted or []:
            obj.groups.add(Group.objects.get(name=name))
        obj.save()


class CompanyUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    enterprise = factory.SubFactory(EnterpriseFactory)
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests-1")

    @factory.post_generation
    def persist(obj, create, extracted, **kwargs):
        # Store the password set above, or a forced login would not survive a request.
        if create:
            obj.save()


def registered(conference, enterprise=None, *, delegates=1, seniority=Seniority.MANAGER, **kw):
    """An enterprise with delegates that has applied for the conference (status submitted)."""
    enterprise = enterprise or EnterpriseFactory(**kw)
    for _ in range(delegates):
        DelegateFactory(enterprise=enterprise, seniority=seniority)
    return accounts_services.submit_registration(conference=conference, enterprise=enterprise)


def approved(conference, enterprise=None, **kw):
    """An enterprise approved for the conference (vetted by a fresh organizer)."""
    registration = registered(conference, enterprise, **kw)
    organizer = StaffFactory(groups=["Organizers"])
    return accounts_services.approve_registration(registration=registration, actor=organizer)


def slots(conference, count=4, *, minutes=30, tables=2):
    """`count` consecutive slots from 09:00 on the first day, and `tables` tables."""
    from events.models import ConferenceDay, SessionPlan
    from events.services import generate_slots, set_tables

    day, _ = ConferenceDay.objects.get_or_create(conference=conference, date=conference.start_date)
    start = dt.datetime.combine(conference.start_date, dt.time(9))
    end = start + dt.timedelta(minutes=minutes * count)
    plan = SessionPlan.objects.create(day=day, name="Morning", start_time=start.time(),
                                      end_time=end.time(), slot_minutes=minutes)
    set_tables(conference=conference, count=tables)
    return generate_slots(plan=plan)


def took_place(slot, *, hours_ago: int = 1):
    """Move a slot into the past (after its meeting was booked), so the meeting can have
    an outcome."""
    from django.utils import timezone

    slot.start = timezone.now() - dt.timedelta(hours=hours_ago)
    slot.end = slot.start + dt.timedelta(minutes=30)
    slot.save()
    return slot

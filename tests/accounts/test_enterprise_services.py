"""The enterprise and delegate services: they take new values and work out the change."""

from decimal import Decimal

import pytest
from django.core import mail
from django_countries.fields import Country

from accounts import services
from accounts.models import Delegate, Enterprise, RegistrationStatus
from events.errors import DomainError
from events.models import AuditEntry, Seniority
from tests.factories import (
    CompanyUserFactory,
    ConferenceFactory,
    EnterpriseFactory,
    IndustryFieldFactory,
    StaffFactory,
    approved,
    registered,
)

pytestmark = pytest.mark.django_db


def entries(target, action):
    return AuditEntry.objects.filter(content_type__model=target._meta.model_name,
                                     object_id=str(target.pk), action=action)


def delegate_row(delegate, **changes):
    return {"id": delegate.pk, **changes}


def test_same_values_in_other_types_are_no_change_and_leave_no_trace(conference, organizer):
    registration = approved(conference)
    enterprise = registration.enterprise
    cloud = IndustryFieldFactory(slug="cloud", name="Cloud")
    enterprise.fields.add(cloud)
    fields = list(enterprise.fields.order_by("-slug"))

    change = services.update_enterprise(enterprise=enterprise, actor=organizer, data={
        "contract_value_usd": "10000000.0", "country": Country("us"), "fields": fields,
        "employees": None, "website": ""})

    assert not change.changed
    assert not entries(enterprise, "enterprise.update").exists()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED


def test_vetted_change_writes_one_entry_with_old_and_new_and_reopens_on_the_registration(
    conference, organizer
):
    registration = approved(conference)
    enterprise = registration.enterprise

    change = services.update_enterprise(enterprise=enterprise, actor=organizer, data={
        "country": "KP", "contract_value_usd": Decimal(1000), "city": "Pyongyang",
        "legal_name": enterprise.legal_name})

    (entry,) = entries(enterprise, "enterprise.update")
    assert entry.actor == organizer
    assert entry.data["fields"] == {"country": ["US", "KP"],
                                    "contract_value_usd": [10_000_000, 1000],
                                    "city": ["Boston", "Pyongyang"]}
    assert entry.data["vetted"] == ["country", "contract_value_usd"]
    assert entry.data["reopened"] == [registration.pk]
    (reopened,) = entries(registration, "registration.reopened")
    assert "USD" in reopened.reason and "North Korea" in reopened.reason
    registration.refresh_from_db()
    assert change.reopened[0].pk == registration.pk
    assert registration.status == RegistrationStatus.UNDER_REVIEW
    assert registration.reopened_at is not None
    assert "contract_value" in registration.failed_rule_codes


def test_delegates_list_removes_the_missing_and_adds_the_new_in_one_entry(conference,
                                                                          organizer):
    registration = approved(conference, delegates=2)
    enterprise = registration.enterprise
    kept, dropped = enterprise.delegates.order_by("pk")

    change = services.update_enterprise(enterprise=enterprise, actor=organizer, data={},
                                        delegates=[
        delegate_row(kept, phone="+1 555 0100"),
        {"full_name": "Ann Lee", "title": "Director", "seniority": Seniority.DIRECTOR,
         "email": "ann@example.com"},
    ])

    assert sorted(enterprise.delegates.values_list("full_name", flat=True)) == sorted(
        [kept.full_name, "Ann Lee"])
    (entry,) = entries(enterprise, "enterprise.update")
    assert entry.data["delegates"]["removed"] == [{"name": dropped.full_name, "id": dropped.pk}]
    assert entry.data["delegates"]["added"][0]["email"] == "ann@example.com"
    assert entry.data["delegates"]["changed"] == [
        {"name": kept.full_name, "id": kept.pk, "fields": {"phone": ["", "+1 555 0100"]}}]
    assert entry.data["vetted"] == ["delegate_added", "delegate_removed"]
    assert len(change.reopened) == 1


def test_a_delegates_phone_is_not_vetted_but_its_rank_is(conference, organizer):
    registration = approved(conference)
    delegate = registration.enterprise.delegates.get()

    phone = services.save_delegate(enterprise=registration.enterprise, actor=organizer,
                                   delegate=delegate, data={"phone": "+1 555 0100"})
    rank = services.save_delegate(enterprise=registration.enterprise, actor=organizer,
                                  delegate=delegate, data={"seniority": "10"})

    assert phone.changed and phone.reopened == ()
    assert [r.pk for r in rank.reopened] == [registration.pk]
    assert rank.diff.vetted == ["delegate_seniority"]


def test_save_delegate_without_a_delegate_updates_the_one_with_that_email(conference,
                                                                          organizer):
    registration = approved(conference)
    delegate = registration.enterprise.delegates.get()

    change = services.save_delegate(enterprise=registration.enterprise, actor=organizer,
                                    data={"email": delegate.email.upper(), "title": "CEO"})

    assert change.delegate.pk == delegate.pk
    assert Delegate.objects.get(pk=delegate.pk).title == "CEO"
    assert registration.enterprise.delegates.count() == 1


def test_removing_the_only_delegate_reopens_review_and_fails_the_count_rule(conference,
                                                                            organizer):
    registration = approved(conference)
    delegate = registration.enterprise.delegates.get()

    services.remove_delegate(delegate=delegate, actor=organizer)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.UNDER_REVIEW
    assert "delegate_count" in registration.failed_rule_codes
    assert entries(registration.enterprise, "enterprise.update").get().data["delegates"] == {
        "removed": [{"name": delegate.full_name, "id": delegate.pk}]}


def test_a_delegate_of_another_enterprise_is_refused(conference, organizer):
    registration = approved(conference)
    stranger = approved(conference).enterprise.delegates.get()

    with pytest.raises(DomainError, match="not a delegate"):
        services.update_enterprise(enterprise=registration.enterprise, actor=organizer,
                                   data={}, delegates=[{"id": stranger.pk}])

    assert Delegate.objects.filter(pk=stranger.pk, enterprise=stranger.enterprise).exists()


def test_two_delegates_with_one_email_are_refused(organizer, db):
    row = {"full_name": "A", "title": "B", "seniority": 20, "email": "same@example.com"}

    with pytest.raises(DomainError) as error:
        services.create_enterprise(actor=organizer, data={
            "legal_name": "Twins Inc.", "country": "US", "role": "buyer"},
            delegates=[row, {**row, "full_name": "C", "email": "SAME@example.com"}])

    assert "delegates" in error.value.fields
    assert not Enterprise.objects.filter(legal_name="Twins Inc.").exists()


def test_approved_registration_of_a_closed_conference_stays_approved(organizer):
    closed = ConferenceFactory()
    registration = approved(closed)
    closed.status = "closed"
    closed.save()

    change = services.update_enterprise(enterprise=registration.enterprise, actor=organizer,
                                        data={"contract_value_usd": 1})

    registration.refresh_from_db()
    assert change.reopened == ()
    assert registration.status == RegistrationStatus.APPROVED


def test_a_decision_clears_the_rereview_mark(conference, organizer):
    registration = approved(conference)
    services.update_enterprise(enterprise=registration.enterprise, actor=organizer,
                               data={"role": "both"})
    registration.refresh_from_db()
    assert registration.needs_rereview

    services.approve_registration(registration=registration, actor=organizer)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.reopened_at is None and not registration.needs_rereview


def test_reopening_mails_the_organizers_and_tells_the_company(
    conference, django_capture_on_commit_callbacks
):
    registration = approved(conference)
    lead = StaffFactory(groups=["Organizers"], email="lead@organizer.example")
    StaffFactory(groups=["Reviewers"], email="reviewer@organizer.example")
    user = CompanyUserFactory(enterprise=registration.enterprise, email="buyer@example.com",
                              language="zh-hans")

    with django_capture_on_commit_callbacks(execute=True):
        services.update_enterprise(enterprise=registration.enterprise, actor=user,
                                   data={"contract_value_usd": 9_000_000})

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) >= {lead.email, "buyer@example.com"}
    assert "reviewer@organizer.example" not in by_address
    organizers = by_address[lead.email]
    assert registration.enterprise.legal_name in organizers.subject
    assert "10,000,000 → 9,000,000" in organizers.body
    assert "重新审核" in by_address["buyer@example.com"].subject


def test_create_enterprise_makes_a_unique_slug_and_records_the_values(organizer, db):
    EnterpriseFactory(legal_name="Old Maple Inc.", slug="maple-inc")

    change = services.create_enterprise(actor=organizer, data={
        "legal_name": "Maple Inc.", "country": "ca", "role": "buyer",
        "fields": [IndustryFieldFactory()]})

    assert change.created and change.enterprise.slug == "maple-inc-2"
    entry = entries(change.enterprise, "enterprise.create").get()
    assert entry.data["fields"]["country"] == ["", "CA"]
    assert entry.data["fields"]["fields"] == [[], ["software"]]


def test_a_taken_legal_name_is_a_field_error(organizer, db):
    taken = EnterpriseFactory()
    other = EnterpriseFactory()

    with pytest.raises(DomainError) as error:
        services.update_enterprise(enterprise=other, actor=organizer,
                                   data={"legal_name": taken.legal_name})

    assert error.value.fields == {"legal_name": [error.value.message]}


def test_an_enterprise_with_a_registration_is_not_deleted(conference, organizer):
    registration = registered(conference)

    with pytest.raises(DomainError, match="withdraw it instead"):
        services.delete_enterprise(enterprise=registration.enterprise, actor=organizer)

    assert Enterprise.objects.filter(pk=registration.enterprise.pk).exists()


def test_an_enterprise_that_never_registered_is_deleted_with_an_entry(organizer, db):
    enterprise = EnterpriseFactory()
    pk = enterprise.pk

    services.delete_enterprise(enterprise=enterprise, actor=organizer)

    assert not Enterprise.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(action="enterprise.delete", object_id=str(pk))
    assert entry.data["legal_name"] == enterprise.legal_name


def test_vetted_changes_reads_what_is_stored_and_writes_nothing(conference):
    registration = approved(conference)
    enterprise = registration.enterprise
    enterprise.contract_value_usd = 1  # as a bound form leaves the instance

    labels = services.vetted_changes(enterprise, {"contract_value_usd": 2, "needs": "x"})

    assert [str(label) for label in labels] == [
        "Outsourcing contract offered (USD): 10,000,000 → 2"]
    enterprise.refresh_from_db()
    assert enterprise.contract_value_usd == 10_000_000


def test_registration_settings_are_validated_against_the_delegates(conference, organizer):
    registration = approved(conference, delegates=2)

    with pytest.raises(DomainError) as error:
        services.update_registration_settings(registration=registration, actor=organizer,
                                              data={"parallel_meetings": 3, "max_meetings": -1})

    assert set(error.value.fields) == {"parallel_meetings", "max_meetings"}
    assert "2 delegates" in error.value.fields["parallel_meetings"][0]
    services.update_registration_settings(registration=registration, actor=organizer,
                                          data={"parallel_meetings": 2, "max_meetings": 8})
    registration.refresh_from_db()
    assert (registration.parallel_meetings, registration.max_meetings) == (2, 8)
    assert entries(registration, "registration.settings").get().data == {
        "fields": {"parallel_meetings": [1, 2], "max_meetings": [None, 8]}}

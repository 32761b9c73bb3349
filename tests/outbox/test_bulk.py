"""Bulk mail: who it reaches, one row per address, its rate, and a double submit."""

import uuid

import pytest
from django.core import mail

from events.models import IndustryField
from matchmaking.onsite.services import check_in_delegate
from matchmaking.outbox.models import BulkMailing, EmailStatus, OutgoingEmail
from matchmaking.outbox.selectors import bulk_companies
from matchmaking.outbox.services import send_bulk_mail
from matchmaking.outbox.tasks import sweep_outbox
from tests.factories import EnterpriseFactory, IndustryFieldFactory, StaffFactory, registered
from tests.outbox.helpers import time_passes

pytestmark = pytest.mark.django_db
TEXTS = {"subject_en": "Shuttle buses", "body_en": "Dear {{ enterprise }}, buses leave at 8.",
         "subject_zh": "班车", "body_zh": "{{ enterprise }}：班车八点出发。"}


@pytest.fixture
def newcomer(world):
    """A Japanese buyer in another field that applied, has two delegates and no meeting."""
    field = IndustryFieldFactory(slug="logistics", name="Logistics", name_zh="物流")
    enterprise = EnterpriseFactory(legal_name="Kyoto Logistics", country="JP", fields=[field])
    return registered(world.conference, enterprise, delegates=2).enterprise


def names(**filters):
    return [e.legal_name for e in bulk_companies(**filters)]


def test_filters_select_companies(world, newcomer):
    conference = world.conference
    software = IndustryField.objects.get(slug="software")

    assert names(conference=conference) == [
        "Kyoto Logistics", "Maple Analytics Inc.", "Suzhou Taihu Software"]
    assert names(conference=conference, statuses=["approved"]) == [
        "Maple Analytics Inc.", "Suzhou Taihu Software"]
    assert names(conference=conference, roles=["supplier"]) == ["Suzhou Taihu Software"]
    assert names(conference=conference, countries=["JP", "US"]) == [
        "Kyoto Logistics", "Maple Analytics Inc."]
    assert names(conference=conference, fields=[software.pk]) == [
        "Maple Analytics Inc.", "Suzhou Taihu Software"]
    assert names(conference=conference, has_meetings=False) == ["Kyoto Logistics"]
    assert names(conference=conference, has_meetings=True, roles=["buyer"]) == [
        "Maple Analytics Inc."]


def test_checked_in_filter_selects_companies_with_a_delegate_on_site(world, newcomer):
    conference = world.conference
    check_in_delegate(conference=conference, delegate=world.buyer.delegates.first(),
                      actor=StaffFactory(groups=["Organizers"]))

    assert names(conference=conference, checked_in=True) == ["Maple Analytics Inc."]
    assert names(conference=conference, checked_in=False) == [
        "Kyoto Logistics", "Suzhou Taihu Software"]


def test_bulk_mail_writes_one_row_per_address_spaced_at_the_rate(world, newcomer, settings):
    settings.OUTBOX_RATE_PER_MINUTE = 2
    organizer = StaffFactory(groups=["Organizers"])

    mailing, created = send_bulk_mail(conference=world.conference, filters={}, texts=TEXTS,
                                      token=uuid.uuid4(), actor=organizer)

    rows = list(mailing.emails.order_by("next_attempt_at"))
    assert created and (mailing.companies, mailing.recipients) == (3, 4)
    assert len(rows) == 4 and {r.template for r in rows} == {"bulk_mail"}
    times = [r.next_attempt_at for r in rows]
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:], strict=False)]
    assert gaps == [30.0, 30.0, 30.0]
    assert {r.language for r in rows if r.recipient == "li@taihu.example"} == {"zh-hans"}


def test_bulk_mail_leaves_at_the_configured_rate(world, newcomer, settings,
                                                 django_capture_on_commit_callbacks):
    settings.OUTBOX_RATE_PER_MINUTE = 2
    with django_capture_on_commit_callbacks(execute=True):
        mailing, _created = send_bulk_mail(conference=world.conference, filters={},
                                           texts=TEXTS, token=uuid.uuid4(), actor=StaffFactory())
    sent_at_once = bulk_sent()

    time_passes(minutes=1)
    sweep_outbox.apply()
    after_a_minute = bulk_sent()
    time_passes(minutes=1)
    sweep_outbox.apply()

    assert (sent_at_once, after_a_minute, bulk_sent()) == (1, 3, 4)
    chinese = next(m for m in mail.outbox if m.subject == "班车")
    assert chinese.to == ["li@taihu.example"] and "苏州太湖软件：班车八点出发。" in chinese.body
    assert mailing.emails.filter(status=EmailStatus.SENT).count() == 4


def bulk_sent() -> int:
    return sum(m.subject in ("Shuttle buses", "班车") for m in mail.outbox)


def test_submitting_the_same_bulk_mail_twice_sends_it_once(world, newcomer):
    token = uuid.uuid4()
    organizer = StaffFactory(groups=["Organizers"])

    first, created = send_bulk_mail(conference=world.conference, filters={}, texts=TEXTS,
                                    token=token, actor=organizer)
    again, created_again = send_bulk_mail(conference=world.conference, filters={},
                                          texts=TEXTS, token=token, actor=organizer)

    assert created and not created_again and again.pk == first.pk
    assert BulkMailing.objects.count() == 1
    assert OutgoingEmail.objects.filter(template="bulk_mail").count() == 4

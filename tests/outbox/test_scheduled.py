"""E-mails that time sends: each exactly once, at its time."""

import datetime as dt

import pytest
from django.core import mail

from matchmaking.models import MeetingRequest
from matchmaking.outbox.models import OutgoingEmail
from matchmaking.outbox.scheduled import add_months, queue_due_reminders
from matchmaking.outbox.tasks import send_reminders
from matchmaking.services import requests as svc
from tests.factories import SupplierFactory, approved

pytestmark = pytest.mark.django_db


def at(conference, day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=conference.zone)


def recipients(template, **context):
    rows = OutgoingEmail.objects.filter(template=template)
    return sorted(e.recipient for e in rows
                  if all(e.context.get(k) == v for k, v in context.items()))


def test_a_request_expiring_within_a_day_is_reminded_once(world):
    supplier = approved(world.conference, SupplierFactory()).enterprise
    request = svc.send_meeting_request(conference=world.conference, sender=supplier,
                                       recipient=world.buyer, purpose="investment")
    early = request.expires_at - dt.timedelta(hours=30)
    late = request.expires_at - dt.timedelta(hours=20)

    assert queue_due_reminders(now=early)["request_expiring"] == 0
    assert queue_due_reminders(now=late)["request_expiring"] == 1
    assert queue_due_reminders(now=late + dt.timedelta(hours=1))["request_expiring"] == 0
    assert recipients("request_expiring") == ["anna@maple.example"]


def test_a_request_that_lives_less_than_a_day_gets_no_reminder(world):
    world.conference.request_ttl_hours = 12
    world.conference.save()
    supplier = approved(world.conference, SupplierFactory()).enterprise
    request = svc.send_meeting_request(conference=world.conference, sender=supplier,
                                       recipient=world.buyer, purpose="investment")

    queue_due_reminders(now=request.expires_at - dt.timedelta(hours=2))

    assert not MeetingRequest.objects.filter(pk=request.pk, status="expired").exists()
    assert recipients("request_expiring") == []


def test_agenda_goes_the_day_before_from_nine_once_with_the_ics(
        world, django_capture_on_commit_callbacks):
    eve = world.conference.start_date - dt.timedelta(days=1)

    assert queue_due_reminders(now=at(world.conference, eve, 8))["agenda_day_before"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        queue_due_reminders(now=at(world.conference, eve, 10))
        queue_due_reminders(now=at(world.conference, eve, 11))

    assert recipients("agenda_day_before") == ["anna@maple.example", "li@taihu.example"]
    english = next(m for m in mail.outbox if m.to == ["anna@maple.example"])
    (name, body, mimetype) = english.attachments[0]
    assert name.endswith(".ics") and "Suzhou Taihu Software" in str(body)
    assert "Suzhou Taihu Software" in english.body


def test_surveys_go_after_the_last_day_and_three_and_six_months_later(world):
    conference = world.conference
    after = conference.end_date + dt.timedelta(days=1)

    assert queue_due_reminders(now=at(conference, conference.end_date, 18))["surveys"] == 0
    assert queue_due_reminders(now=at(conference, after, 10))["surveys"] == 2
    assert queue_due_reminders(now=at(conference, after, 11))["surveys"] == 0
    assert queue_due_reminders(now=at(conference, add_months(after, 3), 10))["surveys"] == 2
    assert queue_due_reminders(now=at(conference, add_months(after, 6), 10))["surveys"] == 2
    assert queue_due_reminders(now=at(conference, add_months(after, 6), 12))["surveys"] == 0

    assert recipients("outcome_survey", meetings_count=1) == [
        "anna@maple.example", "li@taihu.example"]
    assert len(recipients("follow_up_survey", months=3)) == 2
    assert len(recipients("follow_up_survey", months=6)) == 2


def test_a_survey_found_long_overdue_is_not_sent(world):
    late = world.conference.end_date + dt.timedelta(days=40)

    assert queue_due_reminders(now=at(world.conference, late, 10))["surveys"] == 0


def test_the_beat_task_queues_reminders_and_reports_counts(world):
    assert send_reminders.apply().get() == {"request_expiring": 0, "agenda_day_before": 0,
                                            "surveys": 0}


def test_add_months_keeps_the_day_or_the_months_last():
    assert add_months(dt.date(2026, 6, 21), 3) == dt.date(2026, 9, 21)
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)

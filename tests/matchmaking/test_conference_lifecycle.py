"""A conference moves through its life cycle only by allowed steps, each checked and audited."""

import datetime as dt

import pytest

from accounts.models import Registration
from events.errors import DomainError
from events.models import AuditEntry, Conference, Table
from matchmaking.services import booking
from matchmaking.services.conferences import (
    change_conference_status,
    create_conference,
    update_conference,
)
from matchmaking.services.publishing import publish_schedule_run
from tests.factories import ConferenceFactory, SupplierFactory, approved, registered, slots
from tests.matchmaking.scheduling_helpers import accepted, small_event
from tests.matchmaking.test_schedule_runs import live_meetings, run_now

pytestmark = pytest.mark.django_db


def step(conference, status, actor=None):
    return change_conference_status(conference=conference, status=status, actor=actor)


def refusal(conference, status) -> DomainError:
    with pytest.raises(DomainError) as error:
        step(conference, status)
    conference.refresh_from_db()
    return error.value


def test_a_conference_goes_through_its_life_cycle_with_an_audit_entry_per_step(
        organizer, django_capture_on_commit_callbacks):
    conference = ConferenceFactory(status="draft")
    conference = step(conference, "registration_open", organizer)
    buyer = approved(conference).enterprise
    supplier = approved(conference, SupplierFactory()).enterprise
    slots(conference, 2, tables=1)
    conference = step(conference, "matchmaking_open", organizer)
    accepted(conference, buyer, supplier)

    publish_schedule_run(run=run_now(conference, django_capture_on_commit_callbacks),
                         actor=organizer)
    step(conference, "closed", organizer)
    step(conference, "scheduled", organizer)  # reopened

    steps = AuditEntry.objects.filter(action="conference.status").order_by("pk")
    assert [(e.data["from"], e.data["to"]) for e in steps] == [
        ("draft", "registration_open"), ("registration_open", "matchmaking_open"),
        ("matchmaking_open", "scheduled"), ("scheduled", "closed"), ("closed", "scheduled")]
    assert all(e.actor == organizer for e in steps)


def test_scheduled_needs_a_published_schedule(conference):
    error = refusal(conference, "scheduled")

    assert "No schedule is published" in error.message
    assert conference.status == "matchmaking_open"
    assert not AuditEntry.objects.filter(action="conference.status").exists()


def test_a_step_that_skips_the_life_cycle_is_refused():
    conference = ConferenceFactory(status="draft")

    error = refusal(conference, "scheduled")

    assert error.code == "status_transition" and "cannot go from draft" in error.message
    assert conference.status == "draft"


def test_matchmaking_opens_only_with_time_slots_and_a_table_in_use():
    conference = ConferenceFactory(status="registration_open")
    assert "no time slots" in refusal(conference, "matchmaking_open").message
    slots(conference, 2, tables=1)
    Table.objects.filter(conference=conference).update(is_active=False)

    assert "no table in use" in refusal(conference, "matchmaking_open").message

    Table.objects.filter(conference=conference).update(is_active=True)
    assert step(conference, "matchmaking_open").status == "matchmaking_open"


def test_registration_opens_only_for_a_conference_not_over():
    over = ConferenceFactory(status="draft", start_date=dt.date(2012, 6, 19),
                             end_date=dt.date(2012, 6, 20))

    assert "is over" in refusal(over, "registration_open").message


def test_back_to_draft_only_while_nobody_has_applied():
    conference = ConferenceFactory(status="registration_open")
    registered(conference)

    assert "already applied" in refusal(conference, "draft").message

    Registration.objects.all().delete()
    assert step(conference, "draft").status == "draft"


def test_the_schedule_is_withdrawn_only_once_no_meeting_is_live(
        conference, django_capture_on_commit_callbacks):
    small_event(conference, buyers=1, suppliers=1)
    publish_schedule_run(run=run_now(conference, django_capture_on_commit_callbacks))

    assert "1 meeting is still live" in refusal(conference, "matchmaking_open").message

    booking.cancel_meeting(meeting=live_meetings(conference).get(), enterprise=None)
    assert step(conference, "matchmaking_open").status == "matchmaking_open"


def test_a_schedule_is_published_only_while_matchmaking_is_open(
        conference, django_capture_on_commit_callbacks):
    small_event(conference, buyers=1, suppliers=1)
    run = run_now(conference, django_capture_on_commit_callbacks)
    Conference.objects.filter(pk=conference.pk).update(status="registration_open")

    with pytest.raises(DomainError) as error:
        publish_schedule_run(run=run)

    assert error.value.code == "not_open"
    assert not live_meetings(conference).exists()


def test_update_conference_records_what_changed(conference, organizer):
    update_conference(conference=conference, actor=organizer,
                      data={"name": "Renamed", "host_city": conference.host_city})

    entry = AuditEntry.objects.get(action="conference.update")
    assert entry.data == {"changed": {"name": [f"Conference {conference.edition}", "Renamed"]}}
    assert Conference.objects.get(pk=conference.pk).name == "Renamed"


def test_update_conference_never_sets_the_status(conference, organizer):
    with pytest.raises(DomainError) as error:
        update_conference(conference=conference, actor=organizer, data={"status": "scheduled"})

    assert error.value.code == "fields"
    assert Conference.objects.get(pk=conference.pk).status == "matchmaking_open"


def test_update_conference_refuses_an_end_before_the_start(conference, organizer):
    with pytest.raises(DomainError):
        update_conference(conference=conference, actor=organizer, data={
            "end_date": conference.start_date - dt.timedelta(days=1)})

    assert Conference.objects.get(pk=conference.pk).end_date > conference.start_date


def test_a_new_host_country_evaluates_every_registration_again(conference, organizer):
    # A US buyer below the minimum for foreign buyers, at a conference in China.
    registration = registered(conference, contract_value_usd=5_000_000)
    assert not registration.passes_rules

    update_conference(conference=conference, actor=organizer, data={"host_country": "US"})

    registration.refresh_from_db()
    assert registration.passes_rules  # at home now: the foreign-buyer minimum is moot


def test_a_new_conference_starts_in_draft_with_default_rules(organizer):
    conference = create_conference(actor=organizer, data={
        "edition": 9, "slug": "cisocc-9", "name": "9th", "host_city": "Nanjing",
        "host_country": "CN", "start_date": dt.date(2030, 6, 1), "end_date": dt.date(2030, 6, 2)})

    assert conference.status == "draft" and conference.rules.min_delegates == 1
    assert AuditEntry.objects.filter(action="conference.create", actor=organizer).exists()

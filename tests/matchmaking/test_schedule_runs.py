"""Schedule runs: compute a draft with the engine, publish it, repair it."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts import services as accounts_services
from events.errors import DomainError
from events.models import AuditEntry
from matchmaking.models import (
    Meeting,
    MeetingStatus,
    RunStatus,
    ScheduleRun,
    SlotBooking,
    WebhookEvent,
)
from matchmaking.services import booking, scheduling
from matchmaking.services.meetings import set_meetings_locked
from matchmaking.services.publishing import publish_schedule_run
from matchmaking.tasks.scheduling import compute_schedule
from tests.factories import CompanyUserFactory, SupplierFactory, approved
from tests.matchmaking.scheduling_helpers import accepted, small_event

pytestmark = pytest.mark.django_db


def run_now(conference, capture, **kw):
    """Start a run; the job runs in-process when the transaction commits."""
    with capture(execute=True):
        run = scheduling.start_schedule_run(conference=conference, time_limit=2, **kw)
    run.refresh_from_db()
    return run


def live_meetings(conference):
    return Meeting.objects.filter(conference=conference, status=MeetingStatus.SCHEDULED)


def test_run_schedules_every_accepted_request_as_a_draft(conference, organizer,
                                                         django_capture_on_commit_callbacks):
    _grid, _b, _s, requests = small_event(conference)

    run = run_now(conference, django_capture_on_commit_callbacks, actor=organizer)

    assert run.status == RunStatus.SUCCEEDED and run.progress == 100
    assert run.metrics["scheduled"] == run.metrics["requests"] == len(requests) == 12
    assert run.metrics["quality_percent"] == 100.0
    assert run.metrics["meetings_per_company"] == {"3": 4, "4": 3}
    assert run.instance["format"] == "matchmaking-schedule/1"
    assert not live_meetings(conference).exists()  # a draft changes nothing live


def test_publish_makes_the_draft_live_and_tells_companies(conference, organizer,
                                                          django_capture_on_commit_callbacks):
    _grid, buyers, _s, _requests = small_event(conference)
    CompanyUserFactory(enterprise=buyers[0], email="b0@example.com")
    run = run_now(conference, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        publish_schedule_run(run=run, actor=organizer)

    run.refresh_from_db()
    conference.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED
    assert conference.status == "scheduled"
    assert live_meetings(conference).count() == 12
    assert SlotBooking.objects.count() == 24
    assert run.metrics["published"] == {"created": 12, "moved": 0, "kept": 0, "cancelled": 0,
                                        "meetings": 12}
    [message] = [m for m in mail.outbox if m.to == ["b0@example.com"]]
    assert "has 4 meetings" in message.body
    assert len([line for line in message.body.splitlines() if ", Table " in line]) == 4
    assert WebhookEvent.objects.filter(type="schedule.published").count() == 1
    assert AuditEntry.objects.filter(action="schedule.publish", actor=organizer).exists()


def test_publishing_a_second_run_never_duplicates_meetings(conference,
                                                           django_capture_on_commit_callbacks):
    small_event(conference)
    first = run_now(conference, django_capture_on_commit_callbacks)
    publish_schedule_run(run=first)

    second = run_now(conference, django_capture_on_commit_callbacks, seed=7)
    publish_schedule_run(run=second)

    first.refresh_from_db()
    assert first.status == RunStatus.SUPERSEDED
    assert live_meetings(conference).count() == 12
    per_request = live_meetings(conference).values_list("request", flat=True)
    assert len(set(per_request)) == 12


def test_draft_cannot_be_published_twice(conference, django_capture_on_commit_callbacks):
    small_event(conference)
    run = run_now(conference, django_capture_on_commit_callbacks)
    publish_schedule_run(run=run)

    with pytest.raises(DomainError) as error:
        publish_schedule_run(run=run)

    assert error.value.code == "not_draft"


def test_only_one_run_at_a_time(conference):
    small_event(conference)
    scheduling.start_schedule_run(conference=conference)  # queued, not yet computed

    with pytest.raises(DomainError) as error:
        scheduling.start_schedule_run(conference=conference)

    assert error.value.code == "run_in_progress"


def test_repair_keeps_locked_meetings_and_schedules_new_requests(
    conference, django_capture_on_commit_callbacks
):
    _grid, buyers, suppliers, _requests = small_event(conference, buyers=2, suppliers=2)
    published = run_now(conference, django_capture_on_commit_callbacks)
    publish_schedule_run(run=published)
    before = dict(live_meetings(conference).values_list("request", "slot"))
    late = _late_request(conference, buyers)

    repair = run_now(conference, django_capture_on_commit_callbacks, mode="repair")
    publish_schedule_run(run=repair)

    after = dict(live_meetings(conference).values_list("request", "slot"))
    assert {pk: after[pk] for pk in before} == before
    assert late.pk in after
    assert repair.metrics["fixed"] == 4
    assert ScheduleRun.objects.get(pk=repair.pk).metrics["published"]["moved"] == 0


def _late_request(conference, buyers):
    newcomer = approved(conference, SupplierFactory()).enterprise
    return accepted(conference, buyers[0], newcomer)


def test_released_meetings_may_move_and_moves_are_counted(conference,
                                                          django_capture_on_commit_callbacks):
    small_event(conference, buyers=2, suppliers=2, slot_count=4, tables=2)
    first = run_now(conference, django_capture_on_commit_callbacks)
    publish_schedule_run(run=first)
    set_meetings_locked(meetings=live_meetings(conference), locked=False)

    repair = run_now(conference, django_capture_on_commit_callbacks, mode="repair", seed=3)
    publish_schedule_run(run=repair)

    repair.refresh_from_db()
    counts = repair.metrics["published"]
    assert repair.metrics["fixed"] == 0
    assert counts["meetings"] == 4 and counts["created"] == 0
    assert counts["moved"] + counts["kept"] == 4


def test_company_leaving_loses_its_meetings_on_the_next_publish(
    conference, organizer, django_capture_on_commit_callbacks
):
    _grid, buyers, _s, _requests = small_event(conference, buyers=2, suppliers=2)
    publish_schedule_run(run=run_now(conference, django_capture_on_commit_callbacks))
    registration = buyers[0].registrations.get(conference=conference)
    accounts_services.withdraw_registration(registration=registration, actor=organizer)

    repair = run_now(conference, django_capture_on_commit_callbacks, mode="repair")
    publish_schedule_run(run=repair)

    assert not live_meetings(conference).filter(request__recipient=buyers[0]).exists()
    assert live_meetings(conference).count() == 2
    assert ScheduleRun.objects.get(pk=repair.pk).metrics["published"]["cancelled"] == 2


def test_a_booked_meeting_released_by_cancel_frees_its_seats(conference,
                                                             django_capture_on_commit_callbacks):
    small_event(conference, buyers=1, suppliers=2)
    publish_schedule_run(run=run_now(conference, django_capture_on_commit_callbacks))
    meeting = live_meetings(conference).first()

    booking.cancel_meeting(meeting=meeting, enterprise=None, reason="Organizer")

    assert SlotBooking.objects.count() == 2


def test_task_run_twice_computes_once(conference):
    small_event(conference, buyers=1, suppliers=1)
    run = scheduling.start_schedule_run(conference=conference, time_limit=1)

    assert compute_schedule(run.pk) == RunStatus.SUCCEEDED
    assert compute_schedule(run.pk) == "skipped"

    run.refresh_from_db()
    assert run.attempts == 1


def test_sweeper_requeues_a_run_whose_worker_died_then_gives_up(conference,
                                                                django_capture_on_commit_callbacks):
    small_event(conference, buyers=1, suppliers=1)
    run = scheduling.start_schedule_run(conference=conference, time_limit=1)
    scheduling.claim_run(run.pk)  # a worker took it, then died
    later = timezone.now() + dt.timedelta(minutes=5)

    with django_capture_on_commit_callbacks(execute=True):
        swept = scheduling.sweep_stale_runs(now=later)

    run.refresh_from_db()
    assert swept == {"requeued": [run.pk], "failed": []}
    assert run.status == RunStatus.SUCCEEDED and run.attempts == 2

    ScheduleRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, attempts=3,
                                                 heartbeat_at=timezone.now())
    assert scheduling.sweep_stale_runs(now=later)["failed"] == [run.pk]
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "interrupted 3 times" in run.error


def test_schedule_command_computes_and_publishes(conference):
    small_event(conference, buyers=2, suppliers=2)
    out = io.StringIO()

    call_command("schedule", conference.slug, "--publish", "--time-limit", "1", stdout=out,
                 stderr=io.StringIO())

    assert "4/4 meetings" in out.getvalue()
    assert live_meetings(conference).count() == 4


def test_schedule_command_rejects_an_unknown_conference(db):
    with pytest.raises(CommandError) as error:
        call_command("schedule", "nope", stdout=io.StringIO())

    assert error.value.returncode == 2

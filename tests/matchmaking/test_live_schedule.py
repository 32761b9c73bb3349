"""Runs on a live schedule change as little as they can, and never undo a cancellation."""

import io

import pytest
from django.core.management import call_command

from accounts.models import Registration
from accounts.services.enterprises import update_enterprise
from events.errors import DomainError
from events.models import Table
from matchmaking.models import Meeting, MeetingStatus, ScheduleRun
from matchmaking.services import booking
from matchmaking.services.publishing import publish_schedule_run
from matchmaking.services.schedule_diff import diff_schedule_run
from matchmaking.services.schedule_instance import build_instance, slot_id
from tests.factories import SupplierFactory, approved
from tests.matchmaking.scheduling_helpers import accepted, small_event
from tests.matchmaking.test_schedule_runs import live_meetings, run_now

pytestmark = pytest.mark.django_db


def placed(conference) -> dict[int, tuple[int, int]]:
    """request pk -> (slot pk, table number) of the live schedule."""
    return {m.request_id: (m.slot_id, m.table.number)
            for m in live_meetings(conference).select_related("table")}


@pytest.fixture
def live(conference, django_capture_on_commit_callbacks):
    """A published schedule of 2 buyers x 2 suppliers."""
    _grid, buyers, suppliers, _requests = small_event(conference, buyers=2, suppliers=2)
    publish_schedule_run(run=run_now(conference, django_capture_on_commit_callbacks))
    return buyers, suppliers


def test_second_run_on_an_unchanged_live_schedule_moves_nothing_not_even_a_table(
        conference, live, django_capture_on_commit_callbacks):
    before = placed(conference)

    second = publish_schedule_run(run=run_now(conference, django_capture_on_commit_callbacks))

    assert second.metrics["published"] == {"created": 0, "moved": 0, "kept": 4,
                                           "cancelled": 0, "meetings": 4}
    assert placed(conference) == before


def test_a_run_on_a_live_schedule_tells_the_engine_where_each_meeting_is(conference, live):
    where = {f"r{m.request_id}": slot_id(m.slot_id) for m in live_meetings(conference)}

    instance = build_instance(conference=conference)
    from_scratch = build_instance(conference=conference, mode=ScheduleRun.Mode.REPLACE)

    assert {r["id"]: r.get("previous") for r in instance["requests"]} == where
    assert not any("previous" in r for r in from_scratch["requests"])


def test_published_tables_are_the_engines_table_numbers(conference,
                                                        django_capture_on_commit_callbacks):
    small_event(conference, buyers=2, suppliers=3, slot_count=3, tables=3)
    # Table 1 is out of use: the engine's table k is the k-th table in use.
    Table.objects.filter(conference=conference, number=1).update(is_active=False)
    Table.objects.create(conference=conference, number=4)
    run = run_now(conference, django_capture_on_commit_callbacks)

    publish_schedule_run(run=run)

    in_use = [2, 3, 4]
    engine = {int(m["request"][1:]): (int(m["slot"][1:]), in_use[m["table"] - 1])
              for m in run.result["meetings"]}
    assert placed(conference) == engine


def test_a_meeting_a_company_cancelled_is_never_placed_again(
        conference, live, django_capture_on_commit_callbacks):
    buyers, _suppliers = live
    meeting = live_meetings(conference).filter(request__recipient=buyers[0]).first()
    booking.cancel_meeting(meeting=meeting, enterprise=buyers[0], reason="Flight changed")

    run = run_now(conference, django_capture_on_commit_callbacks)
    publish_schedule_run(run=run)

    assert f"r{meeting.request_id}" not in {r["id"] for r in run.instance["requests"]}
    assert not live_meetings(conference).filter(request=meeting.request).exists()
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancelled_by) == ("cancelled", "company")


def test_a_meeting_cancelled_after_the_run_is_not_recreated_by_publishing(
        conference, live, django_capture_on_commit_callbacks):
    run = run_now(conference, django_capture_on_commit_callbacks)
    meeting = live_meetings(conference).first()
    booking.cancel_meeting(meeting=meeting, enterprise=meeting.request.sender)

    diff = diff_schedule_run(run=run)
    publish_schedule_run(run=run)

    assert diff.not_recreated == 1 and diff.totals["new"] == 0
    assert not live_meetings(conference).filter(request=meeting.request).exists()


def test_meetings_the_organizers_cancelled_stay_cancelled_too(
        conference, live, django_capture_on_commit_callbacks):
    meeting = live_meetings(conference).first()
    booking.cancel_meeting(meeting=meeting, enterprise=None, reason="Double booked")

    publish_schedule_run(run=run_now(conference, django_capture_on_commit_callbacks))

    assert not live_meetings(conference).filter(request=meeting.request).exists()


def test_a_company_may_book_again_what_it_cancelled_and_the_next_run_keeps_it(
        conference, live, django_capture_on_commit_callbacks):
    meeting = live_meetings(conference).first()
    booking.cancel_meeting(meeting=meeting, enterprise=meeting.request.sender)
    again = booking.book_meeting(request=meeting.request, slot=meeting.slot,
                                 enterprise=meeting.request.sender)

    run = publish_schedule_run(run=run_now(conference, django_capture_on_commit_callbacks))

    assert live_meetings(conference).get(request=meeting.request).pk == again.pk
    assert run.metrics["published"]["cancelled"] == 0


def test_a_company_back_in_review_keeps_its_meetings_in_place_and_gets_no_new_ones(
        conference, live, django_capture_on_commit_callbacks):
    buyers, _suppliers = live
    late = accepted(conference, buyers[0], approved(conference, SupplierFactory()).enterprise)
    kept = {pk: where for pk, where in placed(conference).items()
            if Meeting.objects.get(request_id=pk, status="scheduled").request.recipient_id
            == buyers[0].pk}
    update_enterprise(enterprise=buyers[0], actor=None,
                      data={"contract_value_usd": buyers[0].contract_value_usd + 1})
    assert Registration.objects.get(enterprise=buyers[0], conference=conference).needs_rereview

    run = run_now(conference, django_capture_on_commit_callbacks)
    publish_schedule_run(run=run)

    assert {f"r{pk}" for pk in kept} <= {f["request"] for f in run.instance["fixed"]}
    assert f"r{late.pk}" not in {r["id"] for r in run.instance["requests"]}
    assert {pk: placed(conference)[pk] for pk in kept} == kept
    assert not Meeting.objects.filter(request=late).exists()


def test_publishing_refuses_changes_other_than_those_confirmed(
        conference, live, django_capture_on_commit_callbacks):
    run = run_now(conference, django_capture_on_commit_callbacks)
    reviewed = diff_schedule_run(run=run).fingerprint
    meeting = live_meetings(conference).first()
    booking.cancel_meeting(meeting=meeting, enterprise=None)

    with pytest.raises(DomainError) as error:
        publish_schedule_run(run=run, expected=reviewed)

    assert error.value.code == "changed"
    assert ScheduleRun.objects.get(pk=run.pk).status == "succeeded"


def test_publishing_refuses_a_draft_whose_meetings_no_longer_fit_a_table(
        conference, django_capture_on_commit_callbacks):
    small_event(conference, buyers=1, suppliers=2)
    run = run_now(conference, django_capture_on_commit_callbacks)
    Table.objects.filter(conference=conference).update(seats=1)

    with pytest.raises(DomainError) as error:
        publish_schedule_run(run=run)

    assert error.value.code == "no_place"
    assert not Meeting.objects.exists()


def schedule(conference, *flags) -> str:
    out = io.StringIO()
    call_command("schedule", str(conference.edition), "--publish", "--time-limit", "1", *flags,
                 stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_schedule_command_twice_prints_one_summary_line_with_nothing_moved(conference):
    small_event(conference, buyers=2, suppliers=2)

    first = schedule(conference)
    second = schedule(conference)

    assert "kept 0, moved 0, new 4, cancelled 0" in first.splitlines()
    assert "kept 4, moved 0, new 0, cancelled 0" in second.splitlines()


def test_schedule_command_replace_ignores_where_meetings_are(conference):
    small_event(conference, buyers=2, suppliers=2)
    schedule(conference)

    schedule(conference, "--replace")

    run = ScheduleRun.objects.order_by("-pk").first()
    assert run.mode == "replace" and run.status == "published"
    assert not any("previous" in r for r in run.instance["requests"])
    assert live_meetings(conference).count() == 4
    assert Meeting.objects.filter(status=MeetingStatus.CANCELLED).count() == 0

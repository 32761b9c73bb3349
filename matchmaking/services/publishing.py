"""Publishing a draft: the run's result becomes the live schedule in one transaction.

What changes is `schedule_diff.diff_schedule_run`, the same computation the
organizer confirmed on the confirmation page; each company is then told what
changed for it (`schedule_notices`).
"""

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.errors import DomainError
from events.models import Conference, ConferenceStatus
from events.services import record_audit
from matchmaking import places, webhooks
from matchmaking.models import (
    CancelledBy,
    Meeting,
    MeetingSource,
    MeetingStatus,
    RunStatus,
    ScheduleRun,
    SlotBooking,
)
from matchmaking.services.booking import give_online_link
from matchmaking.services.conferences import change_conference_status
from matchmaking.services.schedule_diff import (
    CANCELLED,
    KEPT,
    MOVED,
    NEW,
    ScheduleDiff,
    diff_schedule_run,
)
from matchmaking.services.schedule_notices import notify_companies


@transaction.atomic
def publish_schedule_run(*, run: ScheduleRun, actor=None,
                         expected: str | None = None) -> ScheduleRun:
    """Make a draft the live schedule: kept meetings stay, moved ones move, new ones are
    placed, and live meetings it leaves out are cancelled; the conference is scheduled
    from then on and each company is told what changed for it. `expected` is the
    fingerprint of the changes the organizer confirmed: publishing refuses to apply
    different ones."""
    Conference.objects.select_for_update().get(pk=run.conference_id)
    run = ScheduleRun.objects.select_for_update().select_related("conference").get(pk=run.pk)
    require_publishable(run)
    diff = diff_schedule_run(run=run)
    require_applicable(diff, expected)
    try:
        with transaction.atomic():
            _apply(run, diff)
    except IntegrityError as error:
        raise DomainError(_("The schedule changed while publishing; start a new run."),
                          code="conflict") from error
    counts = published_counts(diff)
    _mark_published(run, counts, actor)
    webhooks.emit(conference=run.conference, event_type="schedule.published",
                  payload={"run": run.pk, "conference": run.conference_id, **counts})
    notify_companies(diff)
    return run


def require_publishable(run: ScheduleRun) -> None:
    if run.status != RunStatus.SUCCEEDED:
        raise DomainError(_("Only a finished draft can be published (this run is %(status)s).")
                          % {"status": run.get_status_display().lower()}, code="not_draft")
    if run.conference.status not in (ConferenceStatus.MATCHMAKING_OPEN,
                                     ConferenceStatus.SCHEDULED):
        raise DomainError(_("A schedule can be published while matchmaking is open or the "
                            "conference is scheduled; %(conference)s is %(status)s.") % {
            "conference": run.conference,
            "status": run.conference.get_status_display().lower()}, code="not_open")


def require_applicable(diff: ScheduleDiff, expected: str | None) -> None:
    if diff.unplaced:
        raise DomainError(_("%(count)s meetings of this draft no longer fit any free table "
                            "(tables or delegations changed since the run); start a new run.")
                          % {"count": len(diff.unplaced)}, code="no_place")
    if expected is not None and expected != diff.fingerprint:
        raise DomainError(_("The live schedule changed since you reviewed this draft; review "
                            "the changes again."), code="changed")


def published_counts(diff: ScheduleDiff) -> dict:
    totals = diff.totals
    return {"created": totals[NEW], "moved": totals[MOVED], "kept": totals[KEPT],
            "cancelled": totals[CANCELLED],
            "meetings": totals[NEW] + totals[MOVED] + totals[KEPT]}


def _apply(run: ScheduleRun, diff: ScheduleDiff) -> None:
    by_kind = defaultdict(list)
    for change in diff.changes:
        by_kind[change.kind].append(change)
    gone = [c.meeting.pk for c in by_kind[CANCELLED] + by_kind[MOVED]]
    # Free the seats and places of what moves or goes first, so rows never collide while
    # they are rewritten.
    SlotBooking.objects.filter(meeting_id__in=gone).delete()
    Meeting.objects.filter(pk__in=gone).update(**places.place_fields(None))
    Meeting.objects.filter(pk__in=[c.meeting.pk for c in by_kind[CANCELLED]]).update(
        status=MeetingStatus.CANCELLED, cancelled_by=CancelledBy.SCHEDULE,
        cancelled_reason=_("Not in the published schedule."), updated_at=timezone.now())
    Meeting.objects.filter(pk__in=[c.meeting.pk for c in by_kind[KEPT] if c.from_run]).update(
        schedule_run=run)
    seats = _Seats(run.conference_id, {c.after.slot.pk for c in by_kind[MOVED] + by_kind[NEW]})
    bookings = []
    for change in by_kind[MOVED] + by_kind[NEW]:
        meeting = _placed_row(run, change)
        bookings += seats.book(meeting, change.request)
    SlotBooking.objects.bulk_create(bookings)


def _placed_row(run: ScheduleRun, change) -> Meeting:
    meeting = change.meeting or Meeting(conference=run.conference, request=change.request,
                                        source=MeetingSource.SCHEDULER)
    meeting.slot = change.after.slot
    for name, value in places.place_fields(change.after.place).items():
        setattr(meeting, name, value)
    meeting.schedule_run = run
    meeting.save()
    give_online_link(meeting)
    change.meeting = meeting  # a new meeting's row, for the notices sent after publishing
    return meeting


class _Seats:
    """Seat numbers in the slots meetings move to, after those of meetings that stay."""

    def __init__(self, conference_id: int, slot_ids: set[int]):
        self.taken = defaultdict(set)
        for enterprise_pk, slot_pk, seat in SlotBooking.objects.filter(
                slot__conference=conference_id, slot_id__in=slot_ids).values_list(
                "enterprise_id", "slot_id", "seat"):
            self.taken[(enterprise_pk, slot_pk)].add(seat)

    def book(self, meeting: Meeting, request) -> list[SlotBooking]:
        rows = []
        for enterprise_pk in (request.sender_id, request.recipient_id):
            taken = self.taken[(enterprise_pk, meeting.slot_id)]
            seat = next(n for n in range(1, len(taken) + 2) if n not in taken)
            taken.add(seat)
            rows.append(SlotBooking(meeting=meeting, enterprise_id=enterprise_pk,
                                    slot_id=meeting.slot_id, seat=seat))
        return rows


def _mark_published(run: ScheduleRun, counts: dict, actor) -> None:
    ScheduleRun.objects.filter(conference=run.conference, status=RunStatus.PUBLISHED).update(
        status=RunStatus.SUPERSEDED, updated_at=timezone.now())
    run.status, run.published_at = RunStatus.PUBLISHED, timezone.now()
    run.metrics = {**run.metrics, "published": counts}
    run.save(update_fields=["status", "published_at", "metrics", "updated_at"])
    record_audit(actor=actor, action="schedule.publish", target=run, data=counts)
    if run.conference.status != ConferenceStatus.SCHEDULED:
        change_conference_status(conference=run.conference, status=ConferenceStatus.SCHEDULED,
                                 actor=actor)

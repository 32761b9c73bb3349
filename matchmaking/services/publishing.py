"""Publishing a draft: the run's result becomes the live schedule in one transaction."""

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Enterprise
from events.errors import DomainError
from events.models import Conference, ConferenceStatus, Table
from events.services import record_audit
from matchmaking import notifications, webhooks
from matchmaking.models import (
    Meeting,
    MeetingRequest,
    MeetingSource,
    MeetingStatus,
    RequestStatus,
    RunStatus,
    ScheduleRun,
    SlotBooking,
)
from matchmaking.services.schedule_instance import row_id


@transaction.atomic
def publish_schedule_run(*, run: ScheduleRun, actor=None) -> ScheduleRun:
    """Make a draft the live schedule: meetings it keeps stay, moved ones move, new ones are
    placed, and live meetings it does not contain are cancelled. Companies are notified."""
    Conference.objects.select_for_update().get(pk=run.conference_id)
    run = ScheduleRun.objects.select_for_update().select_related("conference").get(pk=run.pk)
    if run.status != RunStatus.SUCCEEDED:
        raise DomainError(_("Only a finished draft can be published (this run is %(status)s).")
                          % {"status": run.get_status_display().lower()}, code="not_draft")
    placements = _placements(run)
    try:
        with transaction.atomic():
            counts = _apply(run, placements)
    except IntegrityError as error:
        raise DomainError(_("The schedule changed while publishing; start a repair run."),
                          code="conflict") from error
    _mark_published(run, counts, actor)
    _announce(run, counts)
    return run


def _placements(run: ScheduleRun) -> dict[int, tuple[int, int]]:
    """request pk -> (slot pk, engine table number), for requests still accepted."""
    wanted = {row_id(m["request"]): (row_id(m["slot"]), m["table"]) for m in run.result["meetings"]}
    still_accepted = set(MeetingRequest.objects.filter(
        pk__in=list(wanted), status=RequestStatus.ACCEPTED).values_list("pk", flat=True))
    return {pk: place for pk, place in wanted.items() if pk in still_accepted}


def _apply(run: ScheduleRun, placements: dict[int, tuple[int, int]]) -> dict:
    live = {m.request_id: m for m in Meeting.objects.filter(
        conference=run.conference, status=MeetingStatus.SCHEDULED).select_related("request")}
    # Free every seat and table first, so rows never collide while they are rewritten.
    SlotBooking.objects.filter(meeting__in=list(live.values())).delete()
    Meeting.objects.filter(pk__in=[m.pk for m in live.values()]).update(table=None)
    cancelled = [m for pk, m in live.items() if pk not in placements]
    Meeting.objects.filter(pk__in=[m.pk for m in cancelled]).update(
        status=MeetingStatus.CANCELLED, cancelled_reason=_("Not in the published schedule."),
        updated_at=timezone.now())
    tables = _tables(run.conference, live, placements)
    moved = created = 0
    bookings = []
    seats = defaultdict(int)
    requests = MeetingRequest.objects.in_bulk(list(placements))
    for request_pk, (slot_pk, _number) in sorted(placements.items()):
        meeting = live.get(request_pk)
        if meeting is None:
            meeting = Meeting(conference=run.conference, request=requests[request_pk],
                              source=MeetingSource.SCHEDULER)
            created += 1
        elif meeting.slot_id != slot_pk:
            moved += 1
        meeting.slot_id, meeting.table, meeting.schedule_run = slot_pk, tables[request_pk], run
        meeting.save()
        for enterprise_pk in (meeting.request.sender_id, meeting.request.recipient_id):
            seats[(enterprise_pk, slot_pk)] += 1
            bookings.append(SlotBooking(meeting=meeting, enterprise_id=enterprise_pk,
                                        slot_id=slot_pk, seat=seats[(enterprise_pk, slot_pk)]))
    SlotBooking.objects.bulk_create(bookings)
    return {"created": created, "moved": moved, "kept": len(placements) - created - moved,
            "cancelled": len(cancelled), "meetings": len(placements)}


def _tables(conference, live, placements) -> dict[int, Table]:
    """A table per placed meeting: a meeting that stays in its slot keeps its old table;
    the others take the free tables of the slot in number order."""
    active = list(Table.objects.filter(conference=conference, is_active=True).order_by("number"))
    # The in-memory rows still hold the tables they had before `_apply` cleared them.
    previous = {pk: m.table_id for pk, m in live.items()}
    by_pk = {t.pk: t for t in active}
    by_slot = defaultdict(list)
    for request_pk, (slot_pk, _number) in sorted(placements.items()):
        by_slot[slot_pk].append(request_pk)
    chosen = {}
    for slot_pk, request_pks in by_slot.items():
        keep = {pk: previous[pk] for pk in request_pks
                if pk in live and live[pk].slot_id == slot_pk and previous[pk]}
        free = iter(t for t in active if t.pk not in set(keep.values()))
        for pk in request_pks:
            chosen[pk] = by_pk.get(keep.get(pk)) or next(free)
    return chosen


def _mark_published(run: ScheduleRun, counts: dict, actor) -> None:
    ScheduleRun.objects.filter(conference=run.conference, status=RunStatus.PUBLISHED).update(
        status=RunStatus.SUPERSEDED, updated_at=timezone.now())
    run.status, run.published_at = RunStatus.PUBLISHED, timezone.now()
    run.metrics = {**run.metrics, "published": counts}
    run.save(update_fields=["status", "published_at", "metrics", "updated_at"])
    conference = run.conference
    conference.status = ConferenceStatus.SCHEDULED
    conference.save(update_fields=["status", "updated_at"])
    record_audit(actor=actor, action="schedule.publish", target=run, data=counts)


def _announce(run: ScheduleRun, counts: dict) -> None:
    webhooks.emit(conference=run.conference, event_type="schedule.published",
                  payload={"run": run.pk, "conference": run.conference_id, **counts})
    per_company = defaultdict(int)
    for sender, recipient in Meeting.objects.filter(
        conference=run.conference, status=MeetingStatus.SCHEDULED
    ).values_list("request__sender", "request__recipient"):
        per_company[sender] += 1
        per_company[recipient] += 1
    for enterprise in Enterprise.objects.filter(pk__in=list(per_company)):
        notifications.notify(
            enterprise, gettext_lazy("Your meeting schedule for %(conference)s"),
            gettext_lazy("The schedule is published: you have %(count)s meetings. "
                         "Your agenda is in the portal."),
            conference=run.conference, count=per_company[enterprise.pk],
        )

"""Booking, moving and cancelling meetings in the live schedule.

The pretix way: lock the slot row, re-check under the lock, write. The unique
constraints on SlotBooking (enterprise, slot, seat) and Meeting (slot, table)
are the backstop that turns any race the lock misses (SQLite has no row
locks) into a clear "taken" error instead of a double booking.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from accounts.models import Enterprise
from events.errors import DomainError
from events.models import ConferenceStatus, Table, TimeSlot
from events.services import record_audit
from matchmaking import webhooks
from matchmaking.models import (
    CancelledBy,
    Meeting,
    MeetingRequest,
    MeetingSource,
    MeetingStatus,
    RequestStatus,
    SlotBooking,
)
from matchmaking.outbox import notices
from matchmaking.places import Place, place_fields, place_of
from matchmaking.places.availability import SlotCheck, check_slots
from matchmaking.places.places import TABLE


def meeting_payload(meeting: Meeting) -> dict:
    return {
        "id": meeting.pk, "request": meeting.request_id, "conference": meeting.conference_id,
        "slot": meeting.slot_id, "start": meeting.slot.start.isoformat(),
        "end": meeting.slot.end.isoformat(),
        "table": meeting.table.number if meeting.table else None,
        "online": meeting.is_online,
        "status": meeting.status,
    }


def place_meeting(*, request: MeetingRequest, slot: TimeSlot, place: Place | None,
                  seats: dict[int, int], source: str, schedule_run=None) -> Meeting:
    """Write a meeting and both sides' seat bookings; the caller holds the transaction
    and has checked the rules. `seats` maps enterprise id to seat number."""
    meeting = Meeting.objects.create(
        conference=request.conference, request=request, slot=slot, source=source,
        schedule_run=schedule_run, **place_fields(place),
    )
    _remember_place(meeting, place)
    _book_seats(meeting, slot, seats)
    give_online_link(meeting)
    return meeting


def give_online_link(meeting: Meeting) -> None:
    """An online meeting without a link gets the conference's pattern, if it has one."""
    pattern = meeting.conference.online_link_pattern
    if meeting.is_online and not meeting.online_link and pattern:
        meeting.online_link = pattern.replace("{meeting}", str(meeting.pk))
        meeting.save(update_fields=["online_link", "updated_at"])


@transaction.atomic
def set_online_link(*, meeting: Meeting, link: str, enterprise: Enterprise | None,
                    actor=None) -> Meeting:
    """A side (or the organizers: `enterprise` None) pastes the link of an online meeting;
    empty restores the conference's pattern."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related(
        "conference", "request").get(pk=meeting.pk)
    if enterprise is not None and enterprise.pk not in (meeting.request.sender_id,
                                                        meeting.request.recipient_id):
        raise DomainError(_("Only the two companies of a meeting may set its link."),
                          code="forbidden")
    if not meeting.is_online or meeting.status != MeetingStatus.SCHEDULED:
        raise DomainError(_("Only a live online meeting has a link."), code="not_online")
    link = link.strip()
    if link:
        try:
            URLValidator(schemes=["https", "http"])(link)
        except ValidationError as error:
            raise DomainError(_("Enter a full web address, starting with https://."),
                              code="invalid", fields={"link": _("Not a web address.")}) from error
    old, meeting.online_link = meeting.online_link, link
    meeting.save(update_fields=["online_link", "updated_at"])
    give_online_link(meeting)
    record_audit(actor=actor, action="meeting.online_link", target=meeting,
                 data={"old": old, "new": meeting.online_link})
    return meeting


def _book_seats(meeting: Meeting, slot: TimeSlot, seats: dict[int, int]) -> None:
    SlotBooking.objects.bulk_create(
        SlotBooking(meeting=meeting, enterprise_id=enterprise_id, slot=slot, seat=seat)
        for enterprise_id, seat in seats.items()
    )


def _taken() -> DomainError:
    return DomainError(_("Someone else just took this slot. Please choose another one."),
                       code="slot_taken")


def _check_slot(request: MeetingRequest, slot: TimeSlot, moving: Meeting | None = None, *,
                on_site: bool = False, at: Place | None = None) -> SlotCheck:
    """The slot picker's own answer for this slot, asked again under the lock."""
    [check] = check_slots(request=request, slots=[slot], moving=moving, on_site=on_site, at=at)
    if not check.is_free:
        raise DomainError(check.message, code=check.reason)
    return check


def _require_bookable(request: MeetingRequest, enterprise: Enterprise | None) -> None:
    """`enterprise` None: the organizers, who may book for any pair."""
    if enterprise is not None and enterprise.pk not in (request.sender_id, request.recipient_id):
        raise DomainError(_("Only the two companies of a request may book it."), code="forbidden")
    if request.status != RequestStatus.ACCEPTED:
        raise DomainError(_("Only an accepted request can be booked."), code="not_accepted")
    if request.conference.status != ConferenceStatus.SCHEDULED:
        raise DomainError(_("Slots can be booked once the schedule is published."),
                          code="not_published")


@transaction.atomic
def book_meeting(*, request: MeetingRequest, slot: TimeSlot, enterprise: Enterprise | None,
                 actor=None, at: Place | None = None) -> Meeting:
    """Book a free slot for an accepted request, in real time. `enterprise` is the booking
    side; None for the organizers (on site), who may also use the running slot and
    choose the place (`at`)."""
    slot = TimeSlot.objects.select_for_update().get(pk=slot.pk)
    request = MeetingRequest.objects.select_for_update(of=("self",)).select_related(
        "conference", "sender", "recipient").annotate(booked=Exists(Meeting.objects.filter(
            request=OuterRef("pk"), status=MeetingStatus.SCHEDULED))).get(pk=request.pk)
    _require_bookable(request, enterprise)
    if request.booked:
        raise DomainError(_("This meeting is already booked; move it instead."), code="booked")
    check = _check_slot(request, slot, on_site=enterprise is None, at=at)
    # No savepoint of its own: a refused write ends this whole transaction anyway.
    try:
        meeting = place_meeting(request=request, slot=slot, place=check.place,
                                seats=check.seats, source=MeetingSource.BOOKED)
    except IntegrityError as error:
        raise _taken() from error
    _announce(meeting, enterprise, actor=actor, action="meeting.book",
              event_type="meeting.booked", change="booked")
    return meeting


def _locked_meeting(pk: int, *related: str) -> Meeting:
    """Lock the meeting's row alone (no joins, not even the default ordering's), then read
    it with its relations. Locking with joins would lose a meeting that a concurrent move
    just updated: PostgreSQL re-checks the updated row against the joined rows it read
    before (the old slot) and drops it."""
    if not Meeting.objects.select_for_update().filter(pk=pk).order_by().values_list(
            "pk", flat=True):
        raise DomainError(_("This meeting no longer exists."), code="not_found")
    return Meeting.objects.select_related(*related).get(pk=pk)


@transaction.atomic
def move_meeting(*, meeting: Meeting, slot: TimeSlot, enterprise: Enterprise | None,
                 actor=None, at: Place | None = None) -> Meeting:
    """Move a live meeting to another free slot; the other side is told (both, when the
    organizers move it: `enterprise` None, who may also pick the place with `at`, and
    move a meeting to another place in its own slot)."""
    slot = TimeSlot.objects.select_for_update().get(pk=slot.pk)
    meeting = _locked_meeting(meeting.pk, "conference", "request__conference",
                              "request__sender", "request__recipient", "slot", "table")
    if meeting.status != MeetingStatus.SCHEDULED:
        raise DomainError(_("A cancelled meeting cannot be moved."), code="cancelled")
    _require_bookable(meeting.request, enterprise)
    check = _check_slot(meeting.request, slot, moving=meeting, on_site=enterprise is None, at=at)
    previous, previous_table = meeting.slot, meeting.table
    # No savepoint of its own: a refused write ends this whole transaction anyway.
    try:
        meeting.bookings.all().delete()
        _put(meeting, slot, check)
        give_online_link(meeting)
    except IntegrityError as error:
        raise _taken() from error
    _announce(meeting, enterprise, actor=actor, action="meeting.move",
              event_type="meeting.moved", change="moved",
              data={"from": previous.pk, "to": slot.pk}, old_slot=previous,
              old_table=previous_table)
    return meeting


@transaction.atomic
def swap_meetings(*, first: Meeting, second: Meeting, actor=None) -> tuple[Meeting, Meeting]:
    """Organizers exchange the slots and places of two live meetings. Both are taken out,
    then each is placed where the other was under the same checks as a booking (both
    sides free, the place fits, availability); any refusal undoes the whole swap."""
    slots = TimeSlot.objects.select_for_update().filter(pk__in={first.slot_id, second.slot_id})
    list(slots)
    pair = list(Meeting.objects.select_for_update(of=("self",)).select_related(
        "slot", "table", "request__conference", "request__sender", "request__recipient")
        .filter(pk__in=[first.pk, second.pk]).order_by("pk"))
    if len(pair) != 2 or any(m.status != MeetingStatus.SCHEDULED for m in pair):
        raise DomainError(_("Only two different live meetings can be swapped."), code="invalid")
    if pair[0].conference_id != pair[1].conference_id:
        raise DomainError(_("Both meetings must belong to the same conference."), code="invalid")
    targets = [(pair[1].slot, place_of(pair[1])), (pair[0].slot, place_of(pair[0]))]
    before = [(meeting.slot, meeting.table) for meeting in pair]
    for meeting in pair:
        _release(meeting)
    try:
        with transaction.atomic():
            for meeting, (slot, place) in zip(pair, targets, strict=True):
                _require_bookable(meeting.request, None)
                check = _check_slot(meeting.request, slot, on_site=True, at=place)
                _put(meeting, slot, check)
    except IntegrityError as error:
        raise _taken() from error
    for meeting, (slot, table) in zip(pair, before, strict=True):
        _announce(meeting, None, actor=actor, action="meeting.move", event_type="meeting.moved",
                  change="moved", data={"from": slot.pk, "to": meeting.slot_id, "swap": True},
                  old_slot=slot, old_table=table)
    return pair[0], pair[1]


def _release(meeting: Meeting) -> None:
    meeting.bookings.all().delete()
    where = place_fields(None)
    Meeting.objects.filter(pk=meeting.pk).update(**where)


def _put(meeting: Meeting, slot: TimeSlot, check: SlotCheck) -> None:
    where = place_fields(check.place)
    for name, value in {"slot": slot, **where}.items():
        setattr(meeting, name, value)
    meeting.save(update_fields=["slot", *where, "updated_at"])
    _remember_place(meeting, check.place)
    _book_seats(meeting, slot, check.seats)


def _remember_place(meeting: Meeting, place: Place | None) -> None:
    """Keep the table or booth the checks already read on the meeting, so that its
    announcement need not read it again."""
    if place is not None and place.row is not None:
        setattr(meeting, "table" if place.kind == TABLE else "booth", place.row)


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, enterprise: Enterprise | None, actor=None,
                   reason: str = "") -> Meeting:
    """Cancel a meeting; its seats and table are free again at once. `enterprise` is the
    acting side (None for an organizer)."""
    meeting = _locked_meeting(meeting.pk, "conference", "request__sender",
                              "request__recipient", "slot__conference", "table")
    if enterprise is not None and enterprise.pk not in (meeting.request.sender_id,
                                                        meeting.request.recipient_id):
        raise DomainError(_("Only the two companies of a meeting may cancel it."),
                          code="forbidden")
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(_("The meeting is already cancelled."), code="cancelled")
    meeting.bookings.all().delete()
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_reason = reason
    # A schedule run never places again a meeting that people cancelled.
    meeting.cancelled_by = CancelledBy.ORGANIZER if enterprise is None else CancelledBy.COMPANY
    meeting.save(update_fields=["status", "cancelled_reason", "cancelled_by", "updated_at"])
    _announce(meeting, enterprise, actor=actor, action="meeting.cancel",
              event_type="meeting.cancelled", change="cancelled", reason=reason,
              data={"by": meeting.cancelled_by})
    return meeting


def _announce(meeting: Meeting, acting: Enterprise | None, *, actor, action: str,
              event_type: str, change: str, reason: str = "", data: dict | None = None,
              old_slot: TimeSlot | None = None, old_table: Table | None = None):
    """What every change of a meeting leaves behind: an audit entry, a webhook event, and an
    e-mail to the other side."""
    entry = record_audit(actor=actor, action=action, target=meeting, reason=reason, data=data)
    webhooks.emit(conference=meeting.conference, event_type=event_type,
                  payload=meeting_payload(meeting))
    _tell_other_side(meeting, acting, change=change, event=f"audit-{entry.pk}",
                     old_slot=old_slot, old_table=old_table, reason=reason)


def _tell_other_side(meeting: Meeting, acting: Enterprise | None, **details) -> None:
    notices.queue_meeting_change(meeting=meeting, acting=acting, **details)

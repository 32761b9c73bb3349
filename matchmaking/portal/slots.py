"""Free slots for a meeting: both sides free, with a seat, and a table free.

The page only offers; the booking service checks again under its lock, so a
slot taken in between gives a clear message, never a double booking.
"""

from collections import Counter
from itertools import groupby

from django.utils import timezone

from accounts.models import Registration
from events.models import Table, TimeSlot
from matchmaking.models import Meeting, MeetingRequest, MeetingStatus, SlotBooking, Unavailability


def free_slots(*, request: MeetingRequest, moving: Meeting | None = None) -> list[TimeSlot]:
    """Future slots where the request could be booked (or `moving` moved), in 6 queries."""
    conference = request.conference
    sides = (request.sender_id, request.recipient_id)
    seats = dict(Registration.objects.filter(conference=conference, enterprise_id__in=sides)
                 .values_list("enterprise_id", "parallel_meetings"))
    blocked = set(Unavailability.objects.filter(slot__conference=conference,
                                                enterprise_id__in=sides)
                  .values_list("slot_id", flat=True))
    bookings = SlotBooking.objects.filter(slot__conference=conference, enterprise_id__in=sides)
    if moving is not None:
        bookings = bookings.exclude(meeting=moving)
    used = Counter(bookings.values_list("enterprise_id", "slot_id"))
    tables = Table.objects.filter(conference=conference, is_active=True).count()
    taken = Counter(Meeting.objects.filter(conference=conference, status=MeetingStatus.SCHEDULED,
                                           table__is_active=True).values_list("slot_id", flat=True))
    slots = TimeSlot.objects.filter(conference=conference, start__gt=timezone.now())
    return [
        slot for slot in slots.order_by("start")
        if slot.pk not in blocked
        and taken[slot.pk] < tables
        and all(used[(side, slot.pk)] < seats.get(side, 1) for side in sides)
        and (moving is None or slot.pk != moving.slot_id)
    ]


def by_day(slots: list[TimeSlot], zone) -> list[tuple]:
    """(local date, slots) pairs for the page."""
    return [(date, list(group)) for date, group in
            groupby(slots, key=lambda slot: slot.start.astimezone(zone).date())]

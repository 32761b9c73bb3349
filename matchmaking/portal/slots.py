"""Free slots for a meeting, as the booking service sees them.

The page only offers; the booking service checks again under its lock, with
the same function, so a slot taken in between gives a clear message, never a
double booking.
"""

from itertools import groupby

from events.models import TimeSlot
from matchmaking.models import Meeting, MeetingRequest
from matchmaking.places.availability import check_slots


def free_slots(*, request: MeetingRequest, moving: Meeting | None = None) -> list[TimeSlot]:
    """Slots where the request could be booked (or `moving` moved), in 6 queries."""
    slots = list(TimeSlot.objects.filter(conference=request.conference_id).order_by("start"))
    return [check.slot for check in check_slots(request=request, slots=slots, moving=moving)
            if check.is_free]


def by_day(slots: list[TimeSlot], zone) -> list[tuple]:
    """(local date, slots) pairs for the page."""
    return [(date, list(group)) for date, group in
            groupby(slots, key=lambda slot: slot.start.astimezone(zone).date())]

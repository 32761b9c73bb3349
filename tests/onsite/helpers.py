"""Arrangements for on-site tests: a published conference whose first slot is running."""

import datetime as dt

from django.utils import timezone

from matchmaking.services import booking
from tests.factories import slots
from tests.portal.helpers import accepted, publish


def running(slot, *, minutes_ago: int = 10, length: int = 30):
    """Make `slot` the one running now (after its meetings were booked)."""
    slot.start = timezone.now() - dt.timedelta(minutes=minutes_ago)
    slot.end = slot.start + dt.timedelta(minutes=length)
    slot.save()
    return slot


def booked_meeting(conference, buyer, slot, supplier=None):
    request = accepted(conference, buyer, supplier)
    return booking.book_meeting(request=request, slot=slot, enterprise=buyer)


def day_grid(conference, count=4, tables=2):
    publish(conference)
    return slots(conference, count, tables=tables)

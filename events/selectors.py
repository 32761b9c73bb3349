"""Reusable reads on conferences."""

from events.models import Conference, Table, TimeSlot


def active_table_count(*, conference: Conference) -> int:
    return Table.objects.filter(conference=conference, is_active=True).count()


def conference_slots(*, conference: Conference):
    return TimeSlot.objects.filter(conference=conference).order_by("start")

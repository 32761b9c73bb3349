"""Reusable reads on conferences."""

from events.models import Conference, Table


def active_table_count(*, conference: Conference) -> int:
    return Table.objects.filter(conference=conference, is_active=True).count()

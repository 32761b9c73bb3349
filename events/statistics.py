"""Planner statistics after bulk writes.

PostgreSQL plans a query from the statistics ANALYZE gathers; autovacuum gathers them
only once enough rows changed (and not at all where it is off), so right after a bulk
load the planner expects empty tables and picks plans that are slow on the real ones
(the recommendations page: planned for 1 row, met 697, 486 ms instead of 37 ms).
"""

from django.db import connection


def refresh_statistics(*models) -> None:
    """ANALYZE the tables of `models` (every table when none is given) on PostgreSQL;
    nothing on other databases, whose planners need no such step."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}".strip())

"""Planner statistics are refreshed after bulk writes (PostgreSQL; nothing elsewhere)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from accounts.models import Enterprise
from events.statistics import refresh_statistics
from tests.conftest import require, uses_postgres
from tests.factories import EnterpriseFactory, IndustryFieldFactory

pytestmark = pytest.mark.django_db


def planner_rows(model) -> float:
    """The row count the planner believes the model's table has (-1: never analyzed)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
                       [model._meta.db_table])
        return cursor.fetchone()[0]


@pytest.mark.postgres
def test_importing_enterprises_gives_the_planner_their_number(tmp_path):
    require(uses_postgres(), "statistics need DATABASE_URL pointing at PostgreSQL")
    IndustryFieldFactory(slug="software")
    rows = "".join(f"Company {n} Ltd.,CA,Toronto,buyer,software\n" for n in range(40))
    path = tmp_path / "companies.csv"
    path.write_text("legal_name,country,city,role,fields\n" + rows, encoding="utf-8")
    # Another test may have analyzed the table already; it never held 40 rows then.
    assert planner_rows(Enterprise) != 40

    call_command("import_enterprises", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    assert planner_rows(Enterprise) == 40


@pytest.mark.postgres
def test_refreshing_every_table_analyzes_them_all():
    require(uses_postgres(), "statistics need DATABASE_URL pointing at PostgreSQL")
    EnterpriseFactory.create_batch(3)

    refresh_statistics()

    assert planner_rows(Enterprise) == 3


def test_refreshing_statistics_never_fails_and_changes_no_row():
    """On PostgreSQL it analyzes; on the other databases it does nothing."""
    EnterpriseFactory.create_batch(2)

    refresh_statistics(Enterprise)
    refresh_statistics()

    assert Enterprise.objects.count() == 2

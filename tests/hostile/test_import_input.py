"""Hypothesis on the enterprise import: CSV rows of arbitrary cells either import, or are
refused row by row (exit status 1) or as a file (2) with nothing written; never an
exception, never a partial write."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Delegate, Enterprise, Registration

pytestmark = pytest.mark.django_db

COLUMNS = ["legal_name", "name_zh", "country", "role", "fields", "contract_value_usd",
           "employees", "website", "description", "conference"]
CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "CA", "Canada", "buyer", "supplier", "both", "software",
                     "9,000,000", "-5", "1e400", "NaN", "\x00", "=1+1", "https://x.test",
                     "9" * 40, "Maple Analytics Inc."]),
)
ROW = st.fixed_dictionaries(dict.fromkeys(COLUMNS, CELL))
HOSTILE = settings(max_examples=40, deadline=None, derandomize=True,
                   suppress_health_check=list(HealthCheck))


def counts():
    return (Enterprise.objects.count(), Registration.objects.count(),
            Delegate.objects.count())


@pytest.fixture
def csv_file(tmp_path):
    return tmp_path / "enterprises.csv"


def test_arbitrary_rows_import_cleanly_or_not_at_all(csv_file, conference):
    @HOSTILE
    @given(st.lists(ROW, min_size=1, max_size=4))
    def run(rows):
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        csv_file.write_text(text.getvalue(), encoding="utf-8")
        before = counts()
        try:
            call_command("import_enterprises", str(csv_file), stdout=io.StringIO(),
                         stderr=io.StringIO())
        except CommandError as refused:
            assert refused.returncode in {1, 2}
            assert str(refused)
            assert counts() == before  # nothing written
        else:
            assert counts()[0] >= before[0]

    run()

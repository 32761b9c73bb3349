"""The demo tells the story: the 2nd edition's outcomes add up to the reported USD 260
million, `results 2 --format xlsx` says so, and the comparison with the 1st edition shows
the press conference's +30 %."""

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from events.models import Conference
from matchmaking.models import MeetingOutcome
from matchmaking.results.dashboard import build_dashboard

pytestmark = pytest.mark.django_db


def test_second_edition_outcomes_add_up_to_260_million_in_the_workbook(tmp_path):
    call_command("load_demo", "--edition=1", "--edition=2", "--no-progress",
                 stdout=io.StringIO(), stderr=io.StringIO())
    outcomes = MeetingOutcome.objects.count()
    target = tmp_path / "results-2.xlsx"

    call_command("results", "2", "--format", "xlsx", "-o", str(target),
                 stdout=io.StringIO(), stderr=io.StringIO())
    call_command("load_demo", "--edition=2", "--no-progress", stdout=io.StringIO(),
                 stderr=io.StringIO())

    summary_sheet = load_workbook(target)["Summary"]
    summary = {row[0].value: row[1] for row in summary_sheet.iter_rows()}
    total = summary["Total intended investment (USD)"]
    assert total.value == 260_000_000 and total.number_format == '"USD "#,##0'
    assert summary["Disputed meetings awaiting confirmation"].value > 0
    assert summary["Of which confirmed by the organizers"].value == 2
    assert MeetingOutcome.objects.count() == outcomes > 0
    board = build_dashboard(Conference.objects.get(edition=2))
    figures = {f.key: f for f in board.headlines}
    assert board.previous.edition == 1
    assert (figures["foreign_enterprises"].value, figures["foreign_enterprises"].previous,
            figures["foreign_enterprises"].growth_display) == (57, 44, "+30 %")
    assert figures["enterprises"].growth_display == "+30 %"

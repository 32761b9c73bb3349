"""Exports read back: CSV and XLSX sheets, the summary's total, formula cells neutralised,
the PDF report, the command's bad input, and the admin's downloads."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from events.models import Seniority
from matchmaking.exhibition.services import set_exhibitor
from matchmaking.onsite.services import check_in_delegate, mark_attendance
from matchmaking.results.exports.cells import neutralise
from matchmaking.results.exports.writers import write_csv, write_xlsx
from matchmaking.services.outcomes import record_meeting_outcome
from tests.factories import EnterpriseFactory, registered

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(meetings, fields):
    made = meetings(2)
    meeting, buyer, supplier = made.make()
    record_meeting_outcome(meeting=meeting, enterprise=buyer, result="signed",
                           intended_investment_usd=3_000_000, field=fields["software"],
                           notes="=HYPERLINK(\"http://evil\",\"click\")")
    record_meeting_outcome(meeting=meeting, enterprise=supplier, result="likely",
                           intended_investment_usd=2_000_000, notes="@SUM(A1)")
    return made.conference, meeting, buyer


@pytest.mark.parametrize(("text", "expected"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"),
    ("\r=x", "'\r=x"), ("plain", "plain"), (-5, -5), (None, None)])
def test_neutralise_only_text_that_starts_like_a_formula(text, expected):
    assert neutralise(text) == expected


def test_xlsx_reads_back_with_summary_and_neutralised_formula(reported):
    conference, meeting, buyer = reported

    book = load_workbook(io.BytesIO(write_xlsx(conference)))

    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True)}
    assert summary["Total intended investment (USD)"] == 3_000_000
    assert summary["Signed agreements"] == 0  # one side says likely
    assert book["Summary"]["B4"].number_format == '"USD "#,##0'
    outcomes = list(book["Outcomes"].iter_rows(values_only=True))
    notes = {row[2]: row[9] for row in outcomes[1:]}
    assert notes[buyer.legal_name] == "'=HYPERLINK(\"http://evil\",\"click\")"
    assert "'@SUM(A1)" in notes.values()
    assert all(cell.data_type != "f" for row in book["Outcomes"].iter_rows() for cell in row)
    assert [row[0] for row in book["Investment per meeting"].iter_rows(values_only=True)][
        1:] == [meeting.pk]
    assert book.sheetnames == ["Summary", "Registrations", "Meetings", "Outcomes",
                               "Investment per meeting", "Attendance", "Check-ins",
                               "Exhibitors"]


def test_xlsx_carries_the_day_attendance_check_ins_and_exhibitors(reported, organizer):
    conference, meeting, buyer = reported
    mark_attendance(meeting=meeting, status="held", actor=organizer)
    check_in_delegate(conference=conference, delegate=buyer.delegates.first(), actor=organizer)
    registration = buyer.registrations.get(conference=conference)
    set_exhibitor(registration=registration, booth=None, actor=organizer)

    book = load_workbook(io.BytesIO(write_xlsx(conference)))

    [held] = list(book["Attendance"].iter_rows(values_only=True))[1:]
    assert (held[0], held[4]) == (meeting.pk, "Held")
    [arrived] = list(book["Check-ins"].iter_rows(values_only=True))[1:]
    assert arrived[:2] == (buyer.delegates.first().full_name, buyer.legal_name)
    [exhibitor] = list(book["Exhibitors"].iter_rows(values_only=True))[1:]
    assert exhibitor[0] == buyer.legal_name


def test_csv_registrations_carry_status_and_each_rules_result(reported):
    conference, _meeting, buyer = reported
    junior = registered(conference, EnterpriseFactory(legal_name="Junior Ltd"),
                        seniority=Seniority.STAFF).enterprise

    rows = {row["Enterprise"]: row for row in csv.DictReader(io.StringIO(
        write_csv(conference, "registrations").decode("utf-8-sig")))}

    assert len(rows) == 3
    assert (rows[buyer.legal_name]["Status"], rows[junior.legal_name]["Status"]) == (
        "Approved", "Submitted")
    assert (rows[buyer.legal_name]["Delegate seniority"],
            rows[junior.legal_name]["Delegate seniority"]) == ("passed", "failed")
    assert rows[buyer.legal_name]["Contract value of a foreign buyer"] == "passed"


def test_csv_outcomes_neutralise_formulas(reported):
    conference, _meeting, _buyer = reported

    text = write_csv(conference, "outcomes").decode("utf-8-sig")

    assert "'=HYPERLINK" in text and "\n=" not in text and ",=" not in text


def test_results_command_writes_xlsx_and_refuses_bad_input(reported, tmp_path):
    conference, _meeting, _buyer = reported
    target = tmp_path / "results.xlsx"

    call_command("results", str(conference.edition), "--format", "xlsx", "-o", str(target),
                 stdout=io.StringIO(), stderr=io.StringIO())

    summary = dict(load_workbook(target)["Summary"].iter_rows(values_only=True))
    assert summary["Total intended investment (USD)"] == 3_000_000
    for args, message in [
        (["999", "-o", str(target)], "No conference '999'"),
        ([str(conference.edition), "--format", "doc", "-o", str(target)], "Unknown format"),
        ([str(conference.edition), "--format", "csv", "--sheet", "x", "-o", str(target)],
         "Unknown sheet"),
        ([str(conference.edition), "-o", str(tmp_path / "missing" / "r.xlsx")], "No directory"),
    ]:
        with pytest.raises(CommandError) as error:
            call_command("results", *args, stdout=io.StringIO(), stderr=io.StringIO())
        assert error.value.returncode == 2 and message in str(error.value)
        assert "\n" not in str(error.value)


def test_pdf_report_from_the_admin(reported, organizer_client):
    conference, _meeting, _buyer = reported

    response = organizer_client.get(f"/admin/results/conferenceresults/{conference.pk}/report.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_admin_csv_download_and_reviewer_refused(reported, organizer_client, client, reviewer):
    conference, _meeting, _buyer = reported
    url = f"/admin/results/conferenceresults/{conference.pk}/export/meetings.csv"

    response = organizer_client.get(url)
    client.force_login(reviewer)

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Meeting", "Start", "End"] and len(rows) == 2
    assert client.get(url).status_code == 403

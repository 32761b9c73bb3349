"""CSV and XLSX files of the sheets in sheets.SHEETS, every text cell through neutralise."""

import csv
import io
from collections.abc import Callable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from events.models import Conference
from matchmaking.results.exports.cells import neutralise
from matchmaking.results.exports.sheets import SHEETS
from matchmaking.results.selectors import investment_summary

MONEY = '"USD "#,##0'
Progress = Callable[[str], None] | None


def write_csv(conference: Conference, key: str) -> bytes:
    header, rows = SHEETS[key].build(conference)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(str(h)) for h in header])
    writer.writerows([neutralise(csv_value(v)) for v in row] for row in rows)
    # The byte order mark makes Excel read the UTF-8 (Chinese names) right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def csv_value(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return (value.isoformat(sep=" ", timespec="minutes") if hasattr(value, "hour")
                else value.isoformat())
    return value


def write_xlsx(conference: Conference, *, progress: Progress = None) -> bytes:
    """A workbook: the summary first (the total intended investment), then every sheet."""
    book = Workbook(write_only=True)
    summary_sheet(book, conference)
    for sheet in SHEETS.values():
        if progress:
            progress(sheet.key)
        header, rows = sheet.build(conference)
        target = book.create_sheet(title=str(sheet.title)[:31])
        target.append([bold(target, str(h)) for h in header])
        for row in rows:
            target.append([cell(target, value, money=index in sheet.money)
                           for index, value in enumerate(row)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cell(target, value, *, money: bool = False):
    value = neutralise(value)
    if not money or value is None:
        return value
    written = WriteOnlyCell(target, value=int(value))
    written.number_format = MONEY
    return written


def bold(target, value):
    written = WriteOnlyCell(target, value=neutralise(value))
    written.font = Font(bold=True)
    return written


def summary_rows(conference: Conference) -> list[tuple[str, object, bool]]:
    """(label, value, is money): the summary sheet, also the PDF report's first lines."""
    investment = investment_summary(conference)
    return [
        (_("Conference"), conference.name, False),
        (_("Edition"), conference.edition, False),
        (_("Dates"), f"{conference.start_date.isoformat()} – {conference.end_date.isoformat()}",
         False),
        (_("Total intended investment (USD)"), investment.total, True),
        (_("Meetings counted"), investment.counted_meetings, False),
        (_("Of which confirmed by the organizers"), investment.confirmed_meetings, False),
        (_("Signed agreements"), investment.signed_count, False),
        (_("Signed agreements (USD)"), investment.signed_value, True),
        (_("Disputed meetings awaiting confirmation"), len(investment.disputed), False),
        (_("Rule"), _("Larger of the matching answers; disputed meetings count once an "
                      "organizer confirms them (docs/results.md)."), False),
    ]


def summary_sheet(book: Workbook, conference: Conference) -> None:
    target = book.create_sheet(title=str(_("Summary"))[:31])
    target.column_dimensions["A"].width = 44
    target.column_dimensions["B"].width = 40
    for label, value, money in summary_rows(conference):
        target.append([bold(target, str(label)), cell(target, value, money=money)])

"""Reading an import file and reporting what importing it did, row by row.

Used by `manage.py import_enterprises`; the rows themselves go through the same
resources (and so the same services) as the admin's import.
"""

import csv
import io
import itertools
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy
from import_export.formats.base_formats import CSV, XLSX
from import_export.results import Result, RowResult
from tablib import Dataset

ZIP_MAGIC = b"PK\x03\x04"  # an XLSX file is a zip archive


class ImportFileError(Exception):
    """The file cannot be imported at all (missing, unreadable, wrong columns)."""


def check_size(size: int) -> None:
    """Refuse a file above IMPORT_MAX_MB before reading it."""
    limit = settings.IMPORT_MAX_MB * 1024 * 1024
    if size > limit:
        raise ImportFileError(
            _("The file is %(size)s MB; at most %(limit)s MB can be imported at once. Split "
              "it into smaller files.") % {"size": f"{size / 1024 / 1024:.1f}",
                                            "limit": settings.IMPORT_MAX_MB})


def is_xlsx(content: bytes, name: str) -> bool:
    # The content decides when it can: no CSV starts like a zip archive.
    return content.startswith(ZIP_MAGIC) or name.lower().endswith(".xlsx")


def count_rows(content: bytes, *, xlsx: bool, stop: int) -> int:
    """Data rows in the file (the header not counted), counting no further than `stop`;
    cheap next to parsing them, so a huge file is refused at once."""
    try:
        if xlsx:
            sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
            rows = sheet.iter_rows(values_only=True)
        else:
            rows = csv.reader(io.StringIO(content.decode("utf-8-sig", errors="replace")))
        filled = (row for row in rows if any(cell not in (None, "") for cell in row))
        return max(0, sum(1 for _row in itertools.islice(filled, stop + 1)) - 1)
    except Exception:  # noqa: BLE001 (unreadable: the parser reports it properly later)
        return 0


def check_rows(content: bytes, name: str) -> int:
    """The number of data rows; refuses more than IMPORT_MAX_ROWS."""
    limit = settings.IMPORT_MAX_ROWS
    rows = count_rows(content, xlsx=is_xlsx(content, name), stop=limit + 1)
    if rows > limit:
        raise ImportFileError(ngettext(
            "The file has more than %(limit)s row; split it into files of at most %(limit)s "
            "row.",
            "The file has more than %(limit)s rows; split it into files of at most "
            "%(limit)s rows.", limit) % {"limit": f"{limit:,}"})
    return rows


def read_table(path: Path) -> Dataset:
    """The file's rows, CSV or XLSX by extension or, failing that, by content."""
    try:
        check_size(path.stat().st_size)
        content = path.read_bytes()
    except FileNotFoundError as error:
        raise ImportFileError(_("No such file: %(path)s") % {"path": path}) from error
    except OSError as error:
        raise ImportFileError(_("Cannot read %(path)s: %(error)s")
                              % {"path": path, "error": error.strerror}) from error
    check_rows(content, path.name)
    try:
        dataset = _xlsx(content) if is_xlsx(content, path.name) else _csv(content)
    except Exception as error:  # noqa: BLE001 (any parser failure means "not this format")
        raise ImportFileError(_("%(path)s is neither a readable CSV nor an XLSX file.")
                              % {"path": path}) from error
    if not dataset.headers or not any(str(h or "").strip() for h in dataset.headers):
        raise ImportFileError(_("%(path)s has no header row.") % {"path": path})
    return dataset


def _xlsx(content: bytes) -> Dataset:
    return XLSX().create_dataset(content)


def _csv(content: bytes) -> Dataset:
    text = content.decode("utf-8-sig")
    if any(ord(c) < 32 and c not in "\t\r\n" for c in text):
        raise ValueError("binary content")
    return CSV().create_dataset(text)


@dataclass
class ReportRow:
    line: int  # in the file, the header being line 1
    name: str
    state: str  # new, updated, unchanged or error
    details: str

    def __str__(self):
        text = _("line %(line)s  %(name)s  %(state)s") % {
            "line": self.line, "name": self.name, "state": STATE_LABELS[self.state]}
        return f"{text}  {self.details}" if self.details else text


STATE_LABELS = {
    "new": pgettext_lazy("import row", "new"), "updated": pgettext_lazy("import row", "updated"),
    "unchanged": pgettext_lazy("import row", "unchanged"),
    "error": pgettext_lazy("import row", "error"),
}
STATES = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "updated",
    RowResult.IMPORT_TYPE_SKIP: "unchanged",
}


def report(dataset: Dataset, result: Result, outcomes: dict) -> list[ReportRow]:
    """One entry per data row: what happened to it and why."""
    errors = _row_errors(result)
    names = [str(row.get("legal_name") or "") for row in dataset.dict]
    rows = []
    for number, row_result in enumerate(result.rows, start=1):
        name = names[number - 1]
        if number in errors:
            rows.append(ReportRow(number + 1, name, "error", errors[number]))
            continue
        outcome = outcomes.get(number)
        details = _outcome_details(outcome) if outcome else ""
        rows.append(ReportRow(number + 1, name, STATES.get(row_result.import_type, "?"), details))
    return rows


def _row_errors(result: Result) -> dict[int, str]:
    errors = {
        invalid.number: "; ".join(
            f"{field}: {' '.join(str(m) for m in messages)}" if field != "__all__"
            else " ".join(str(m) for m in messages)
            for field, messages in invalid.error_dict.items())
        for invalid in result.invalid_rows
    }
    for number, row_errors in result.row_errors():
        errors[number] = "; ".join(str(error.error) for error in row_errors)
    return errors


def _outcome_details(outcome) -> str:
    change = outcome.change
    parts = [str(label) for label in change.diff.labels()] if not change.created else []
    if outcome.registered is not None:
        parts.append(_("registered for %(conference)s") % {"conference": outcome.registered})
    if change.reopened:
        parts.append(_("back to review: %(conferences)s") % {
            "conferences": ", ".join(str(r.conference) for r in change.reopened)})
    return "; ".join(parts)

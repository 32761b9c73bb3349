"""Reading an import file and reporting what importing it did, row by row.

Used by `manage.py import_enterprises`; the rows themselves go through the same
resources (and so the same services) as the admin's import.
"""

from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from import_export.formats.base_formats import CSV, XLSX
from import_export.results import Result, RowResult
from tablib import Dataset

ZIP_MAGIC = b"PK\x03\x04"  # an XLSX file is a zip archive


class ImportFileError(Exception):
    """The file cannot be imported at all (missing, unreadable, wrong columns)."""


def read_table(path: Path) -> Dataset:
    """The file's rows, CSV or XLSX by extension or, failing that, by content."""
    try:
        content = path.read_bytes()
    except FileNotFoundError as error:
        raise ImportFileError(_("No such file: %(path)s") % {"path": path}) from error
    except OSError as error:
        raise ImportFileError(_("Cannot read %(path)s: %(error)s")
                              % {"path": path, "error": error.strerror}) from error
    # The content decides when it can: no CSV starts like a zip archive.
    is_xlsx = content.startswith(ZIP_MAGIC) or path.suffix.lower() == ".xlsx"
    try:
        dataset = _xlsx(content) if is_xlsx else _csv(content)
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

"""One guard for every exported cell: text that a spreadsheet would run as a formula.

Every spreadsheet the service writes passes its cells here: the results' CSV and XLSX
sheets (writers.py) and the admin's enterprise and delegate exports (accounts/resources.py).
The privacy download is JSON and the agenda is ICS and PDF: no spreadsheet runs them."""

# A cell starting with one of these is read as a formula (or a DDE call) by Excel,
# LibreOffice and Google Sheets; tab and carriage return hide such a start.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text starting like a formula gets a leading apostrophe, which spreadsheets show as
    text; numbers, dates and empty cells pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore(value):
    """What `neutralise` wrote, read back (an import of an exported file): the apostrophe
    before a formula start goes, so exporting and importing changes nothing."""
    if isinstance(value, str) and value[:1] == "'" and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value

"""One guard for every exported cell: text that a spreadsheet would run as a formula."""

# A cell starting with one of these is read as a formula (or a DDE call) by Excel,
# LibreOffice and Google Sheets; tab and carriage return hide such a start.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text starting like a formula gets a leading apostrophe, which spreadsheets show as
    text; numbers, dates and empty cells pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value

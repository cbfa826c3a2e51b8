"""Spreadsheet formula injection: a cell that starts with one of these characters is
run as a formula by Excel, LibreOffice and Google Sheets when the file is opened
(OWASP "CSV injection"). Such text gets a leading apostrophe, which spreadsheets
show as plain text; numbers and dates are written as numbers and dates."""

from datetime import date, datetime
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell's value, safe to write: text that could start a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float | Decimal | date | datetime):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text

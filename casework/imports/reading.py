"""Reading an uploaded file, row by row (never the whole file in memory): CSV in UTF-8
(with or without a byte-order mark) or an Excel workbook's first sheet. A file that is
not one of those, in another encoding, with formula cells or a heading twice is refused
with a message that says so, before anything is written."""

import codecs
import csv
import zipfile
from collections.abc import Iterator

from django.core.exceptions import ValidationError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
FORMULA_STARTS = ("=",)
NOT_A_SPREADSHEET = (
    "This file is not a spreadsheet: upload a CSV file or an Excel workbook (.xlsx)."
)
WRONG_ENCODING = (
    "This file is not in UTF-8, so its letters would be read wrongly: in Excel, save it "
    "as “CSV UTF-8 (Comma delimited)” and upload it again."
)


def file_format(name: str) -> str:
    lowered = (name or "").lower()
    if lowered.endswith(".csv"):
        return "csv"
    if lowered.endswith(".xlsx"):
        return "xlsx"
    raise ValidationError({"file": NOT_A_SPREADSHEET})


def _csv_rows(handle) -> Iterator[list[str]]:
    text = codecs.getreader("utf-8-sig")(handle, errors="strict")
    try:
        yield from csv.reader(text)
    except UnicodeDecodeError as exc:
        raise ValidationError({"file": WRONG_ENCODING}) from exc
    except csv.Error as exc:
        raise ValidationError({"file": NOT_A_SPREADSHEET}) from exc


def _xlsx_rows(handle) -> Iterator[list[str]]:
    from openpyxl import load_workbook  # only when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(handle, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ValidationError({"file": NOT_A_SPREADSHEET}) from exc
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield ["" if value is None else _cell_text(value) for value in row]
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if hasattr(value, "date") and hasattr(value, "hour"):  # a datetime cell
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def raw_rows(handle, fmt: str) -> Iterator[list[str]]:
    """Every row as a list of texts, the headings first."""
    if fmt == "xlsx":
        return _xlsx_rows(handle)
    return _csv_rows(handle)


def headers_check(headers: list[str]) -> list[str]:
    headers = [h.strip() for h in headers]
    if not any(headers):
        raise ValidationError(
            {"file": "The first row must name the columns: this file's first row is empty."}
        )
    seen = set()
    for heading in headers:
        if heading and heading.lower() in seen:
            raise ValidationError(
                {"file": f"The column “{heading}” appears twice: give each column its own name."}
            )
        seen.add(heading.lower())
    return headers


def file_check(handle, fmt: str) -> tuple[list[str], int]:
    """Read the whole file once, streaming: its headings and how many rows follow them.
    Refuses a file that cannot be read or holds formula cells."""
    rows = raw_rows(handle, fmt)
    try:
        headers = headers_check(next(rows))
    except StopIteration as exc:
        raise ValidationError({"file": "This file is empty."}) from exc
    count = 0
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row):
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                heading = headers[column] if column < len(headers) else f"column {column + 1}"
                raise ValidationError(
                    {
                        "file": f"Row {number}, column “{heading}” holds a formula "
                        f"({value[:30]}): formulas are not imported. Save the sheet with "
                        "the results in their place and upload it again."
                    }
                )
        if any(value.strip() for value in row):
            count += 1
    return headers, count


def records(handle, fmt: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number as the spreadsheet shows it, {heading: text}) for every non-empty row."""
    rows = raw_rows(handle, fmt)
    headers = headers_check(next(rows, []) or [""])
    for number, row in enumerate(rows, start=2):
        if not any(value.strip() for value in row):
            continue
        yield (
            number,
            {
                heading: (row[i].strip() if i < len(row) else "")
                for i, heading in enumerate(headers)
                if heading
            },
        )


def sniff_binary(head: bytes) -> None:
    """A CSV file with NUL bytes is a binary file renamed."""
    if b"\x00" in head:
        raise ValidationError({"file": NOT_A_SPREADSHEET})


SPREADSHEET_ACTIVE = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: str) -> str:
    """A cell written back for a person to open in a spreadsheet (the refused rows): one
    a spreadsheet would run as a formula is kept as text, behind an apostrophe."""
    text = str(value)
    return f"'{text}" if text.startswith(SPREADSHEET_ACTIVE) else text

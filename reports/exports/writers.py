"""Writers that take rows one at a time from an iterator and never hold the whole
export: CSV through the csv module, .xlsx through XlsxWriter in constant-memory mode
(each row is flushed to a temporary file as soon as the next one starts)."""

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal

import xlsxwriter

from reports.exports.cells import neutralise

PROGRESS_EVERY = 1000  # rows between progress reports (one UPDATE each)


def _report(on_progress, done: int) -> None:
    if on_progress is not None and done % PROGRESS_EVERY == 0:
        on_progress(done)


def write_csv(
    out,
    headers: list[str],
    rows: Iterable[tuple],
    *,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Write to a text file opened with newline=""; returns the number of rows."""
    out.write("\ufeff")  # Excel reads the file as UTF-8 only with the byte-order mark
    writer = csv.writer(out)
    writer.writerow([neutralise(h) for h in headers])
    done = 0
    for row in rows:
        writer.writerow([_csv_text(neutralise(v)) for v in row])
        done += 1
        _report(on_progress, done)
    return done


def _csv_text(value) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def write_xlsx(
    path: str,
    headers: list[str],
    rows: Iterable[tuple],
    *,
    sheet_name: str = "Export",
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Write an .xlsx file at `path`; returns the number of rows."""
    workbook = xlsxwriter.Workbook(
        path,
        {
            "constant_memory": True,
            # Never turn text into formulas, links or numbers: text stays text.
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "remove_timezone": True,
        },
    )
    try:
        sheet = workbook.add_worksheet(sheet_name[:31])
        bold = workbook.add_format({"bold": True})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        for col, header in enumerate(headers):
            sheet.write_string(0, col, neutralise(header), bold)
            sheet.set_column(col, col, max(10, min(40, len(header) + 4)))
        sheet.freeze_panes(1, 0)
        done = 0
        for done, row in enumerate(rows, start=1):
            for col, raw in enumerate(row):
                value = neutralise(raw)
                if isinstance(value, datetime):
                    sheet.write_datetime(done, col, value, moment)
                elif isinstance(value, date):
                    sheet.write_datetime(done, col, value, day)
                elif isinstance(value, int | float | Decimal):
                    sheet.write_number(done, col, float(value))
                elif value != "":
                    sheet.write_string(done, col, value)
            _report(on_progress, done)
        if done:
            sheet.autofilter(0, 0, done, len(headers) - 1)
    finally:
        workbook.close()
    return done


def csv_text(headers: list[str], rows: Iterable[tuple]) -> str:
    """A whole small CSV as text (tests and tiny exports)."""
    out = io.StringIO(newline="")
    write_csv(out, headers, rows)
    return out.getvalue()

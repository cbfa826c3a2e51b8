"""Formula injection is neutralised in both formats; values keep their types."""

import csv
import io
from datetime import date

import openpyxl
import pytest

from reports.exports.cells import neutralise
from reports.exports.writers import csv_text, write_xlsx


@pytest.mark.parametrize(
    "text", ["=1+1", "+44 7700", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("x")']
)
def test_text_that_could_start_a_formula_is_quoted(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Sam", "Bunny-Smith", "a=b", "", "1 Warren Lane"])
def test_ordinary_text_is_unchanged(value):
    assert neutralise(value) == value


def test_numbers_and_dates_stay_numbers_and_dates():
    assert neutralise(-3) == -3
    assert neutralise(2.5) == 2.5
    assert neutralise(date(2025, 1, 2)) == date(2025, 1, 2)
    assert neutralise(None) == ""
    assert neutralise(True) == "Yes"


def test_csv_quotes_formulas_and_keeps_utf8_names():
    text = csv_text(["Name", "=Heading"], [("=1+1", 3), ("Zoë", date(2025, 1, 2))])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [["Name", "'=Heading"], ["'=1+1", "3"], ["Zoë", "2025-01-02"]]


def test_xlsx_writes_text_as_text_never_as_formula(tmp_path):
    path = tmp_path / "out.xlsx"
    done = write_xlsx(
        str(path),
        ["Name", "Count", "Day"],
        [("=1+1", -4, date(2025, 1, 2)), ("@cmd", 7, None), ("Zoë", None, None)],
    )
    assert done == 3
    sheet = openpyxl.load_workbook(path).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Name", "Count", "Day"]
    assert values[1][0] == "'=1+1" and values[1][1] == -4
    assert values[1][2].date() == date(2025, 1, 2)
    assert values[2][:2] == ["'@cmd", 7]
    assert values[3][0] == "Zoë"
    # No cell anywhere holds a formula.
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_writers_take_rows_one_at_a_time(tmp_path):
    """A generator is consumed lazily and progress is reported as rows go."""
    seen = []

    def rows():
        for i in range(2500):
            yield (f"row {i}", i)

    path = tmp_path / "out.xlsx"
    assert write_xlsx(str(path), ["Text", "N"], rows(), on_progress=seen.append) == 2500
    assert seen == [1000, 2000]
    out = io.StringIO(newline="")
    from reports.exports.writers import write_csv

    progress = []
    assert write_csv(out, ["Text", "N"], rows(), on_progress=progress.append) == 2500
    assert progress == [1000, 2000]

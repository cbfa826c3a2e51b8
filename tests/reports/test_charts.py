"""Server-drawn charts (casework/charts.py): no two labels overlap. The SVG scales as a
whole with the page, so labels apart in chart units are apart at every width."""

from datetime import date, timedelta

from casework import charts
from reports.definitions.employment import FUNNEL

FONT = 12  # the labels' font size in chart units (casebridge.scss)


def _extent(x_centre: float, text: str) -> tuple[float, float]:
    half = len(text) * charts.CHAR_WIDTH / 2
    return x_centre - half, x_centre + half


def test_the_funnel_draws_one_row_per_step_and_no_label_overlaps_another():
    points = [(label, n) for (label, _), n in zip(FUNNEL, [40, 31, 12, 9, 5, 2], strict=True)]
    chart = charts.labelled_bars(points)
    rows = chart["rows"]
    assert [r.label for r in rows] == [label for label, _ in FUNNEL]
    # Each label sits on its own line above its bar, and the next row starts below it.
    for row, below in zip(rows, rows[1:], strict=False):
        assert row.label_y < row.y  # the label above its own bar
        assert row.y + chart["bar_height"] <= below.label_y - FONT + 4
    assert all(len(r.label) * charts.CHAR_WIDTH <= chart["width"] for r in rows)
    assert rows[-1].y + chart["bar_height"] <= chart["height"]
    # Bars are scaled to the largest; values sit after their bar, inside the chart.
    assert rows[0].width == chart["width"] - charts.ROW_VALUE
    assert all(r.value_x + 3 * charts.CHAR_WIDTH <= chart["width"] + 1 for r in rows)


def test_column_labels_and_values_are_thinned_out_rather_than_overlap():
    for months in (3, 12, 36, 60):
        first = date(2024, 1, 1)
        points = [(first + timedelta(days=31 * i), 100 + i) for i in range(months)]
        chart = charts.monthly_bars(points)
        shown = [b for b in chart["bars"] if b.show_label]
        assert shown[0] is chart["bars"][0]
        for left, right in zip(shown, shown[1:], strict=False):
            assert _extent(left.label_x, left.label)[1] < _extent(right.label_x, right.label)[0]
        valued = [b for b in chart["bars"] if b.show_value]
        for left, right in zip(valued, valued[1:], strict=False):
            a, b = str(left.value), str(right.value)
            assert _extent(left.label_x, a)[1] < _extent(right.label_x, b)[0]
    few = charts.monthly_bars([(date(2025, m, 1), m) for m in range(1, 13)])
    assert all(b.show_label and b.show_value for b in few["bars"])  # twelve months all fit

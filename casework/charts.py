"""Small server-drawn SVG charts: no JavaScript, no external assets, with a table beside
them for screen readers."""

import math
from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT, GAP, TOP, BOTTOM = 600, 200, 6, 16, 24


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str
    label_x: float
    # False on bars whose label would run into a neighbour's (many bars in a narrow
    # chart): every n-th label is drawn; each bar keeps its label in its tooltip and
    # in the table beside the chart.
    show_label: bool = True
    show_value: bool = True


# Roughly how wide the labels' 12-unit system font draws one character, in chart units.
CHAR_WIDTH = 7.2


def weekly_bars(points: list[tuple[date, int]]) -> dict:
    """Bars for (week starting, count) points, scaled to the tallest."""
    return bars(points, label_format="%d %b")


def monthly_bars(points: list[tuple[date, int]]) -> dict:
    """Bars for (first of the month, count) points: "Mar 26"."""
    return bars(points, label_format="%b %y")


def bars(points: list[tuple[date, int]], *, label_format: str) -> dict:
    """Bars for (day, count) points, scaled to the tallest, labelled with `label_format`."""
    tallest = max((n for _, n in points), default=0) or 1
    slot = WIDTH / max(len(points), 1)
    usable = HEIGHT - TOP - BOTTOM
    widest = max((len(day.strftime(label_format)) for day, _ in points), default=0)
    every = max(1, math.ceil((widest * CHAR_WIDTH + GAP) / slot))
    values_fit = max((len(str(n)) for _, n in points), default=0) * CHAR_WIDTH + GAP <= slot
    bars = []
    for index, (week, count) in enumerate(points):
        height = usable * count / tallest
        x = index * slot + GAP / 2
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(TOP + usable - height, 1),
                width=round(slot - GAP, 1),
                height=round(height, 1),
                value=count,
                label=week.strftime(label_format),
                label_x=round(x + (slot - GAP) / 2, 1),
                show_label=index % every == 0,
                show_value=values_fit,
            )
        )
    return {
        "bars": bars,
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": HEIGHT - BOTTOM,
        "total": sum(n for _, n in points),
    }


# A funnel's stages have long names ("First appointment attended"): one row each, the
# name above its bar, so no two labels share a line and none can overlap at any width
# (the SVG scales as a whole). Narrower than the column charts, so its text stays larger
# on a phone.
ROW_WIDTH, ROW_LABEL, ROW_BAR, ROW_GAP, ROW_VALUE = 400, 16, 14, 8, 40


@dataclass(frozen=True)
class Row:
    label: str
    value: int
    label_y: float
    y: float
    width: float
    value_x: float
    value_y: float


def labelled_bars(points: list[tuple[str, int]]) -> dict:
    """Horizontal bars for (label, count) points, such as the stages of a funnel, scaled
    to the largest; the total is the first stage's (each later stage is part of it)."""
    tallest = max((n for _, n in points), default=0) or 1
    usable = ROW_WIDTH - ROW_VALUE
    step = ROW_LABEL + ROW_BAR + ROW_GAP
    rows = []
    for index, (label, count) in enumerate(points):
        top = index * step
        width = round(usable * count / tallest, 1)
        rows.append(
            Row(
                label=label,
                value=count,
                label_y=top + ROW_LABEL - 4,
                y=top + ROW_LABEL,
                width=width,
                value_x=width + 4,
                value_y=top + ROW_LABEL + ROW_BAR - 3,
            )
        )
    return {
        "rows": rows,
        "bars": rows,
        "width": ROW_WIDTH,
        "height": max(len(points) * step - ROW_GAP, 1),
        "bar_height": ROW_BAR,
        "total": points[0][1] if points else 0,
    }

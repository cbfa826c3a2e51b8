"""Small server-drawn SVG charts: no JavaScript, no external assets, with a table beside
them for screen readers."""

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
            )
        )
    return {
        "bars": bars,
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": HEIGHT - BOTTOM,
        "total": sum(n for _, n in points),
    }


def labelled_bars(points: list[tuple[str, int]]) -> dict:
    """Bars for (label, count) points, such as the stages of a funnel; the total is the
    first stage's (each later stage is part of it)."""
    from dataclasses import replace

    chart = bars([(date.min, n) for _, n in points], label_format="")
    chart["bars"] = [
        replace(bar, label=label) for bar, (label, _) in zip(chart["bars"], points, strict=True)
    ]
    chart["total"] = points[0][1] if points else 0
    return chart

"""Each scored domain over time as a small server-drawn SVG line (0 to 10), one per
domain, with a table beside for screen readers (casework.charts' way)."""

WIDTH, HEIGHT, PAD = 300, 80, 10


def score_lines(series: list[dict]) -> list[dict]:
    """[{"label", "points": [(day, score)]}] -> the same with an SVG polyline per domain."""
    charts = []
    for s in series:
        points = s["points"]
        step = (WIDTH - 2 * PAD) / max(len(points) - 1, 1)
        dots = [
            {
                "x": round(PAD + i * step, 1),
                "y": round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * score / 10, 1),
                "day": day,
                "score": score,
            }
            for i, (day, score) in enumerate(points)
        ]
        charts.append(
            {
                "label": s["label"],
                "dots": dots,
                "polyline": " ".join(f"{p['x']},{p['y']}" for p in dots),
                "latest": points[-1][1],
                "first": points[0][1],
                "width": WIDTH,
                "height": HEIGHT,
            }
        )
    return charts

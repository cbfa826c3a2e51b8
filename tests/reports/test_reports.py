"""The reports screen: figures counted right on known data, for any date range, from
only what the user may see; bad ranges get a clear message."""

from datetime import date

import pytest

from reports.definitions import casework as casework_report
from reports.definitions import month_starts, reports_for
from reports.forms import default_range
from tests.clients import signed_in

JAN_TO_APRIL = {"date_from": date(2025, 1, 1), "date_to": date(2025, 4, 30)}


def figures(user, **dates):
    return casework_report.build(user=user, **(dates or JAN_TO_APRIL))


def test_a_manager_counts_everything_in_the_partner(world):
    f = figures(world.manager)
    assert f["totals"] == {"opened": 2, "closed": 1, "deliveries": 6, "attended": 4}
    monthly = {m["month"]: m for m in f["monthly"]}
    assert list(monthly) == [date(2025, m, 1) for m in (1, 2, 3, 4)]
    assert [(m["opened"], m["closed"], m["deliveries"], m["attended"]) for m in f["monthly"]] == [
        (1, 0, 2, 1),
        (1, 0, 3, 2),
        (0, 1, 0, 0),
        (0, 0, 1, 1),
    ]
    assert f["attendance_labels"] == ["Attended", "Absent", "Excused"]
    assert f["by_service"] == [
        {"service": "RP: Nursery", "total": 1, "attendance": [0, 0, 1]},
        {"service": "RP: Stay & Play", "total": 5, "attendance": [4, 1, 0]},
    ]
    assert [b.value for b in f["deliveries_chart"]["bars"]] == [2, 3, 0, 1]
    assert [b.label for b in f["deliveries_chart"]["bars"]] == [
        "Jan 25",
        "Feb 25",
        "Mar 25",
        "Apr 25",
    ]


def test_a_practitioner_counts_only_their_own_work(world):
    assert figures(world.owner)["totals"] == {
        "opened": 1,
        "closed": 1,
        "deliveries": 4,
        "attended": 2,
    }
    assert figures(world.other)["totals"] == {
        "opened": 1,
        "closed": 0,
        "deliveries": 2,
        "attended": 2,
    }


def test_the_date_range_limits_every_figure(world):
    f = figures(world.manager, date_from=date(2025, 2, 1), date_to=date(2025, 2, 28))
    assert f["totals"] == {"opened": 1, "closed": 0, "deliveries": 3, "attended": 2}
    assert [m["month"] for m in f["monthly"]] == [date(2025, 2, 1)]


def test_month_starts_cross_the_year():
    assert month_starts(date(2024, 11, 20), date(2025, 2, 1)) == [
        date(2024, 11, 1),
        date(2024, 12, 1),
        date(2025, 1, 1),
        date(2025, 2, 1),
    ]
    assert default_range(date(2026, 3, 15)) == (date(2025, 4, 1), date(2026, 3, 15))


def test_who_is_offered_which_report(world):
    assert [r.key for r in reports_for(world.manager)] == ["casework"]
    assert reports_for(world.owner) == []  # practitioners have no "see reports"
    assert reports_for(world.editor) == []


def test_report_screen_shows_the_figures_and_charts(world, django_assert_max_num_queries):
    client = signed_in(world.partner_a, world.manager)
    with django_assert_max_num_queries(40):
        response = client.get("/reports/casework/?date_from=1/1/2025&date_to=30/4/2025")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="total-opened"><span class="cb-figure__number">2<' in page
    assert 'data-testid="total-deliveries"><span class="cb-figure__number">6<' in page
    assert 'data-testid="chart-deliveries"' in page and "<svg" in page
    assert "RP: Stay &amp; Play" in page
    assert "/exports/new/?dataset=engagements&amp;date_from=1/1/2025&amp;date_to=30/4/2025" in page
    assert ">Reports</a>" in page  # in the header's navigation


def test_another_partner_sees_none_of_partner_a_in_its_report(world):
    client = signed_in(world.partner_b, world.stranger)
    page = client.get("/reports/casework/?date_from=1/1/2025&date_to=30/4/2025").content.decode()
    assert 'data-testid="total-opened"><span class="cb-figure__number">0<' in page
    assert "RP: Stay" not in page and world.child.client_id not in page


@pytest.mark.parametrize(
    "query, message",
    [
        ("date_from=2/3/2025&date_to=1/3/2025", "The “to” date must be the same as or after"),
        ("date_from=31/2/2025", "Enter a real date for “from”"),
        ("date_from=1/1/2015&date_to=1/1/2025", "Choose a range of 5 years or less"),
    ],
)
def test_bad_ranges_get_a_clear_message_and_no_figures(world, query, message):
    client = signed_in(world.partner_a, world.manager)
    response = client.get(f"/reports/casework/?{query}")
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and "There is a problem" in page
    assert 'data-testid="total-opened"' not in page

"""Employment support figures counted on known data, each partner seeing its own side
only, and the export of them."""

import csv
import io
from datetime import date, timedelta

from django.db import connection

from reports.definitions import reports_for
from reports.definitions.employment import build, referrals_reported
from reports.services.exports import export_create
from tests.casework.screens import body, user_with
from tests.clients import signed_in
from tests.customers.journey import FROM, FUNNEL, TO, TODAY, inside
from tests.reports.media import media_in_tmp  # noqa: F401 (autouse fixture)


def test_the_boroughs_figures(known):
    f = build(user=known.officer, date_from=FROM, date_to=TO)
    assert f["funnel"] == FUNNEL
    assert [b.value for b in f["funnel_chart"]["bars"]] == [4, 2, 1, 1, 1, 1]
    kappa = known.kappa.name
    # The status follows each journey (issue 15): Ann's last step closed hers, Ben's first
    # attendance started his, Cal's waits, Dee's was withdrawn.
    assert sorted((r["borough"], r["provider"], r["status"], r["n"]) for r in f["by_route"]) == [
        ("Gamma Borough", kappa, "Completed", 1),
        ("Gamma Borough", kappa, "In progress", 1),
        ("Gamma Borough", kappa, "Sent, waiting for an answer", 1),
        ("Gamma Borough", kappa, "Withdrawn by the sender", 1),
    ]
    assert sum(n for _, n in f["monthly"]) == 4
    activity = {p["name"]: dict(p["actions"]) for p in f["activity"]}
    assert activity[known.officer.get_full_name()] == {"sent": 4}
    assert activity[known.colleague.get_full_name()] == {"withdrawn": 1}
    # The provider's adviser did things, but on the borough's side they are not its people.
    assert known.adviser.get_full_name() not in activity


def test_the_providers_figures_are_its_own_side(known):
    with inside(known.kappa):
        f = build(user=known.manager, date_from=FROM, date_to=TO)
        assert f["funnel"] == FUNNEL
        rows = {(r["borough"], r["provider"], r["status"]): r["n"] for r in f["by_route"]}
        assert rows[("Gamma Borough", known.kappa.name, "Withdrawn by the sender")] == 1
        activity = {p["name"]: dict(p["actions"]) for p in f["activity"]}
        assert activity == {known.adviser.get_full_name(): {"outcome step": 7}}


def test_outside_the_dates_nothing_is_counted(known):
    f = build(user=known.officer, date_from=date(2020, 1, 1), date_to=date(2020, 12, 31))
    assert [n for _, n in f["funnel"]] == [0, 0, 0, 0, 0, 0] and f["by_route"] == []


def test_a_third_partner_sees_none_of_it(known, partner_b):
    with inside(partner_b):
        data_team = user_with("data-team")
        assert "employment" not in {r.key for r in reports_for(data_team)}
        assert not referrals_reported(user=data_team).exists()
    with inside(known.kappa):
        # Kappa's own referrals of other kinds are not employment support.
        assert referrals_reported(user=known.manager).count() == 4


def test_the_report_on_screen(known):
    client = signed_in(known.borough, known.officer)
    page = body(client.get(f"/reports/employment/?date_from={FROM:%d/%m/%Y}&date_to={TO:%d/%m/%Y}"))
    assert 'data-testid="chart-funnel"' in page and "First appointment attended" in page
    assert "/exports/new/?dataset=employment-referrals" in page
    connection.set_tenant(known.borough)


def test_the_export_has_each_step_date(known):
    export = export_create(actor=known.officer, dataset_key="employment-referrals", fmt="csv")
    with export.file.open("rb") as handle:
        rows = list(csv.reader(io.StringIO(handle.read().decode("utf-8-sig"))))
    header, rows = rows[0], rows[1:]
    assert len(rows) == 4
    by_id = {row[0]: row for row in rows}
    ann = by_id[str(known.sent["Ann"].public_id)]
    start = TODAY - timedelta(weeks=30)
    assert ann[header.index("Employment entered")] == start.isoformat()
    assert (
        ann[header.index("Employment sustained at 26 weeks")]
        == (start + timedelta(weeks=26)).isoformat()
    )
    ben = by_id[str(known.sent["Ben"].public_id)]
    assert ben[header.index("First appointment attended")] == TODAY.isoformat()
    assert ben[header.index("Training started")] == ""
    assert (
        by_id[str(known.sent["Dee"].public_id)][header.index("Status")] == "Withdrawn by the sender"
    )

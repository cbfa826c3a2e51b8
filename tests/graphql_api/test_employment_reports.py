"""Report figures through GraphQL: counted by the portal's report definitions on known
data, equal to what the portal's report shows, for the same roles, with bad date
ranges named as field errors."""

from datetime import date, timedelta

import pytest
from django.db import connection

from customers.models import NotInterestedReason
from customers.services import customer_record_interest
from tests.casework.screens import user_with
from tests.clients import signed_in
from tests.customers.journey import FROM, FUNNEL, TO, TODAY, a_customer, inside
from tests.graphql_api.helpers import run

EMPLOYMENT = """query($from: Date, $to: Date) { employmentReport(dateFrom: $from, dateTo: $to) {
  report { dateFrom dateTo referred funnel { label count }
    byRoute { borough provider status count } monthly { month count }
    activity { name total actions { label count } } }
  errors { field message code } } }"""
INTEREST = """query($from: Date, $to: Date) { interestReport(dateFrom: $from, dateTo: $to) {
  report { dateFrom dateTo asked interested notInterested
    notInterestedReasons { label count } monthly { month interested notInterested } }
  errors { field message code } } }"""
RANGE = {"from": str(FROM), "to": str(TO)}


def employment(user, variables=RANGE):
    result = run(user, EMPLOYMENT, variables)
    assert result.errors is None, result.errors
    return result.data["employmentReport"]


def test_the_boroughs_figures_on_known_data(known):
    answer = employment(known.officer)
    assert answer["errors"] == []
    report = answer["report"]
    assert (report["dateFrom"], report["dateTo"], report["referred"]) == (str(FROM), str(TO), 4)
    assert [(f["label"], f["count"]) for f in report["funnel"]] == FUNNEL
    kappa = known.kappa.name
    assert sorted(
        (r["borough"], r["provider"], r["status"], r["count"]) for r in report["byRoute"]
    ) == [
        # Each journey's status (issue 15): Ann's closed, Ben's started, Cal's waits.
        ("Gamma Borough", kappa, "Completed", 1),
        ("Gamma Borough", kappa, "In progress", 1),
        ("Gamma Borough", kappa, "Sent, waiting for an answer", 1),
        ("Gamma Borough", kappa, "Withdrawn by the sender", 1),
    ]
    assert sum(m["count"] for m in report["monthly"]) == 4
    activity = {
        p["name"]: {a["label"]: a["count"] for a in p["actions"]} for p in report["activity"]
    }
    assert activity == {
        known.officer.get_full_name(): {"sent": 4},
        known.colleague.get_full_name(): {"withdrawn": 1},
    }


def test_the_providers_figures_are_its_own_side(known):
    with inside(known.kappa):
        report = employment(known.manager)["report"]
        assert [(f["label"], f["count"]) for f in report["funnel"]] == FUNNEL
        assert [(p["name"], p["total"]) for p in report["activity"]] == [
            (known.adviser.get_full_name(), 7)
        ]
        assert {r["borough"] for r in report["byRoute"]} == {"Gamma Borough"}


@pytest.mark.parametrize("side", ["borough", "provider"])
def test_the_figures_equal_the_portals_report(known, side):
    partner, user = (
        (known.borough, known.officer) if side == "borough" else (known.kappa, known.manager)
    )
    connection.set_tenant(partner)
    report = employment(user)["report"]
    client = signed_in(partner, user)
    page = client.get(f"/reports/employment/?date_from={FROM:%d/%m/%Y}&date_to={TO:%d/%m/%Y}")
    connection.set_tenant(partner)
    assert page.status_code == 200
    screen = page.context
    assert [(f["label"], f["count"]) for f in report["funnel"]] == list(screen["funnel"])
    assert [(r["borough"], r["provider"], r["status"], r["count"]) for r in report["byRoute"]] == [
        (r["borough"], r["provider"], r["status"], r["n"]) for r in screen["by_route"]
    ]
    assert [(date.fromisoformat(m["month"]), m["count"]) for m in report["monthly"]] == list(
        screen["monthly"]
    )
    assert [
        (p["name"], p["total"], [(a["label"], a["count"]) for a in p["actions"]])
        for p in report["activity"]
    ] == [(p["name"], p["total"], list(p["actions"])) for p in screen["activity"]]


def test_outside_the_dates_nothing_is_counted(known):
    report = employment(known.officer, {"from": "2020-01-01", "to": "2020-12-31"})["report"]
    assert [f["count"] for f in report["funnel"]] == [0, 0, 0, 0, 0, 0]
    assert report["byRoute"] == [] and report["activity"] == []
    assert len(report["monthly"]) == 12


def test_without_dates_the_last_twelve_months(known):
    report = employment(known.officer, {})["report"]
    assert report["dateTo"] == str(TODAY) and report["referred"] == 4
    assert len(report["monthly"]) == 12


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"from": str(TODAY), "to": str(TODAY - timedelta(days=1))}, "same as or after"),
        ({"from": "2019-01-01", "to": str(TODAY)}, "5 years or less"),
    ],
)
def test_bad_date_ranges_are_field_errors(known, variables, message):
    for query, field in ((EMPLOYMENT, "employmentReport"), (INTEREST, "interestReport")):
        result = run(known.officer, query, variables)
        assert result.errors is None, result.errors
        answer = result.data[field]
        assert answer["report"] is None
        assert [(e["field"], e["code"]) for e in answer["errors"]] == [("dateTo", "INVALID")]
        assert message in answer["errors"][0]["message"]


@pytest.mark.parametrize(
    ("where", "role", "employment_seen", "interest_seen"),
    [
        ("borough", "housing-officer", True, True),
        ("borough", "champion", True, True),
        ("borough", "editor", False, False),
        ("borough", "integrator", False, False),
        ("kappa", "provider-manager", True, True),
        ("kappa", "adviser", False, False),  # advisers have no reports
        ("kappa", "integrator", False, False),
        ("beta", "data-team", False, False),
        ("beta", "champion", False, False),
    ],
)
def test_the_same_roles_as_the_portal(
    known, partner_b, where, role, employment_seen, interest_seen
):
    partner = {"borough": known.borough, "kappa": known.kappa, "beta": partner_b}[where]
    with inside(partner):
        user = user_with(role)
        answer = employment(user)
        assert (answer["report"] is not None) is employment_seen
        if not employment_seen:
            assert [(e["field"], e["code"]) for e in answer["errors"]] == [(None, "REFUSED")]
        interest = run(user, INTEREST, RANGE).data["interestReport"]
        assert (interest["report"] is not None) is interest_seen
        page = signed_in(partner, user).get("/reports/employment/")
        connection.set_tenant(partner)
        assert (page.status_code == 200) is employment_seen


def test_interest_and_not_interested_reasons_counted(people):
    officer = people.officer
    reasons = list(NotInterestedReason.objects.filter(is_active=True)[:2])
    answers = [
        ("interested", [], ""),
        ("interested", [], ""),
        ("not_interested", reasons, ""),
        ("not_interested", reasons[:1], "Caring for a parent"),
    ]
    for i, (interest, chosen, other) in enumerate(answers):
        customer_record_interest(
            actor=officer,
            customer=a_customer(officer, first_name=f"Res{i}"),
            interest=interest,
            on=TODAY,
            reasons=chosen,
            other=other,
        )
    result = run(officer, INTEREST, RANGE)
    assert result.errors is None, result.errors
    report = result.data["interestReport"]["report"]
    assert (report["asked"], report["interested"], report["notInterested"]) == (4, 2, 2)
    assert [(r["label"], r["count"]) for r in report["notInterestedReasons"]] == [
        (reasons[0].name, 2),
        (reasons[1].name, 1),
        ("Other (in their own words)", 1),
    ]
    this_month = [m for m in report["monthly"] if m["month"] == str(FROM)]
    assert this_month == [{"month": str(FROM), "interested": 2, "notInterested": 2}]

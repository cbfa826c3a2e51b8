"""The borough's interest report and customers export, counted on known data."""

from datetime import date

import pytest

from customers.models import Interest, NotInterestedReason
from customers.services import customer_create, customer_record_interest
from reports.definitions import reports_for
from reports.definitions.customers import OTHER, build
from reports.services.exports import export_create
from tests.clients import signed_in
from tests.reports.media import media_in_tmp  # noqa: F401 (autouse fixture)


@pytest.fixture
def answers(people):
    reason = {r.name: r for r in NotInterestedReason.objects.all()}
    rows = [
        ("Ann", Interest.INTERESTED, date(2025, 1, 10), [], ""),
        ("Ben", Interest.INTERESTED, date(2025, 2, 3), [], ""),
        ("Cal", Interest.NOT_INTERESTED, date(2025, 2, 7), ["Already in work"], ""),
        (
            "Dee",
            Interest.NOT_INTERESTED,
            date(2025, 2, 9),
            ["Already in work", "Caring responsibilities"],
            "",
        ),
        ("Eve", Interest.NOT_INTERESTED, date(2025, 3, 1), [], "=Moving away"),
        ("Fay", Interest.INTERESTED, date(2024, 12, 31), [], ""),  # before the range
    ]
    for name, interest, on, reasons, other in rows:
        customer = customer_create(actor=people.officer, first_name=name, last_name="Resident")
        customer_record_interest(
            actor=people.officer,
            customer=customer,
            interest=interest,
            on=on,
            reasons=[reason[r] for r in reasons],
            other=other,
        )
    customer_create(actor=people.officer, first_name="Gus", last_name="Resident")  # not asked
    return people


def test_interest_figures(answers):
    f = build(user=answers.officer, date_from=date(2025, 1, 1), date_to=date(2025, 3, 31))
    assert f["totals"] == {"asked": 5, "interested": 2, "not_interested": 3}
    assert f["reasons"] == [("Already in work", 2), ("Caring responsibilities", 1), (OTHER, 1)]
    assert [(m["interested"], m["not_interested"]) for m in f["monthly"]] == [
        (1, 0),
        (1, 2),
        (0, 1),
    ]


def test_a_borough_officer_is_offered_both_reports(answers):
    assert {r.key for r in reports_for(answers.officer)} == {"casework", "interest", "employment"}


def test_interest_report_on_screen(answers):
    client = signed_in(answers.borough, answers.officer)
    page = client.get("/reports/interest/?date_from=1/1/2025&date_to=31/3/2025").content.decode()
    assert 'data-testid="total-asked"><span class="cb-figure__number">5<' in page
    assert "Caring responsibilities" in page and "/exports/new/?dataset=customers" in page


def test_customers_export_lists_reasons_and_neutralises_other_text(answers):
    export = export_create(actor=answers.officer, dataset_key="customers", fmt="csv")
    import csv
    import io

    with export.file.open("rb") as handle:
        rows = list(csv.reader(io.StringIO(handle.read().decode("utf-8-sig"))))
    header, body = rows[0], {row[2]: row for row in rows[1:]}
    assert len(body) == 7
    dee = body["Dee"]
    assert dee[header.index("Reasons")] == "Already in work; Caring responsibilities"
    assert dee[header.index("Interest")] == "Not interested"
    assert body["Eve"][header.index("Other reason")] == "'=Moving away"
    assert body["Gus"][header.index("Interest")] == "Not asked yet"

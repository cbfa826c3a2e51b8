"""The demo (bin/up): Northmoor refers residents to Pathway, which takes one of them
from the first appointment to a job; both sides' figures show it. Its champion has one
likely duplicate pair of customers to review."""

from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context

from casework.duplicates.selectors import duplicate_pairs
from customers.models import Customer, OutcomeStep
from customers.services.duplicates import CUSTOMERS, customer_duplicates_find
from demo.seed import DEMO_PASSWORD, demo_seed
from reports.definitions.employment import build
from tenants.accounts.models import User
from tenants.models import Partner
from tests.casework.screens import body
from tests.customers.journey import TODAY
from tests.partners import domain_of

JOURNEY = [
    "First appointment attended",
    "Intervention: CV support",
    "Training started: Warehouse operations",
    "Training completed: Warehouse operations",
    "Qualification achieved: Warehousing (Level 2)",
    "Employment entered: Full-time, 37 hours a week",
]


def test_the_demo_journey_from_referral_to_job(db):
    demo_seed()
    demo_seed()  # idempotent
    northmoor, pathway = (Partner.objects.get(slug=s) for s in ("northmoor", "pathway"))
    with schema_context(northmoor.schema_name):
        casey = Customer.objects.get(housing_reference="NM-10001")
        steps = [
            s.summary for s in OutcomeStep.objects.filter(referral__customer_link__customer=casey)
        ]
        assert [s.rsplit(" (", 1)[0] for s in steps] == JOURNEY
        officer = User.objects.get(username="housing-officer")
        figures = build(user=officer, date_from=TODAY.replace(day=1), date_to=TODAY)
        assert [n for _, n in figures["funnel"]] == [4, 1, 1, 1, 1, 0]
    client = Client(HTTP_HOST=domain_of(northmoor))
    sign_in = client.post("/sign-in/", {"username": "housing-officer", "password": DEMO_PASSWORD})
    assert sign_in.status_code == 302
    page = body(client.get(f"/customers/{casey.public_id}/"))
    assert "Employment entered: Full-time, 37 hours a week" in page
    _the_champion_has_one_likely_duplicate_pair(northmoor)
    with schema_context(pathway.schema_name):
        manager = User.objects.get(username="provider-manager")
        figures = build(user=manager, date_from=TODAY.replace(day=1), date_to=TODAY)
        assert [n for _, n in figures["funnel"]] == [4, 1, 1, 1, 1, 0]
    connection.set_schema_to_public()


def _the_champion_has_one_likely_duplicate_pair(northmoor) -> None:
    """Seeded twice: one resident recorded twice, listed to the champion and found by the
    "Find duplicates" search (no other pair in the demo)."""
    with schema_context(northmoor.schema_name):
        champion = User.objects.get(username="champion")
        pairs = duplicate_pairs(user=champion, kind=CUSTOMERS)
        assert [(str(p.first), str(p.second)) for p in pairs] == [("Jordan Pryce", "Jordon Price")]
        assert {"date of birth", "phone"} <= set(pairs[0].matched)
        assert customer_duplicates_find(actor=champion)["pairs"] == 1
    client = Client(HTTP_HOST=domain_of(northmoor))
    assert (
        client.post("/sign-in/", {"username": "champion", "password": DEMO_PASSWORD}).status_code
        == 302
    )
    page = body(client.get("/customers/duplicates/"))
    assert "Jordan Pryce" in page and "Jordon Price" in page

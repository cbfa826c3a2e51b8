"""The demo (bin/up): Northmoor refers residents to Pathway, which takes one of them
from the first appointment to a job; both sides' figures show it."""

from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context

from customers.models import Customer, OutcomeStep
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
    with schema_context(pathway.schema_name):
        manager = User.objects.get(username="provider-manager")
        figures = build(user=manager, date_from=TODAY.replace(day=1), date_to=TODAY)
        assert [n for _, n in figures["funnel"]] == [4, 1, 1, 1, 1, 0]
    connection.set_schema_to_public()

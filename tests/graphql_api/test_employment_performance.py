"""A page of appointments with their referral and its checklist, a page of received
referrals with their appointments and steps, and a page of customers with their
journeys cost the same small number of SQL queries for 10 as for 100."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from customers.models import Appointment, Customer, CustomerReferral, OutcomeStep
from referrals.models import Direction, Referral, ReferralEvent
from tenants.accounts.models import User
from tests.casework.screens import user_with
from tests.customers.journey import TODAY, inside
from tests.graphql_api.helpers import nodes, run

APPOINTMENTS = """query($first: Int!) { appointments(first: $first) { totalCount
  edges { node { id direct on at status adviserName cancelledBy rescheduledTo { id on status }
    referral { id status otherPartnerName
      outcomeSteps(first: 10) { edges { node { id kind on summary details } } } } } } } }"""
RECEIVED = """query($first: Int!) { referrals(first: $first,
  filters: {direction: "received", referralType: "employment-support"}) { totalCount
  edges { node { id status appointments(first: 5) { edges { node { id on status } } }
    outcomeSteps(first: 10) { edges { node { id kind on summary } } } } } } }"""
SENT = """query($first: Int!) { referrals(first: $first,
  filters: {direction: "sent", referralType: "employment-support"}) { totalCount
  edges { node { id status outcomeSteps(first: 10) { edges { node { id kind on summary } } }
    events(first: 10) { edges { node { action } } } } } } }"""
# A customer's journey is a page in a page: each counted by its page size, so a page of
# 100 customers with their latest three referrals and ten steps of each is allowed.
JOURNEYS = """query($first: Int!) { customers(first: $first) { totalCount
  edges { node { id firstName journey(first: 3) { edges { node { referral { id status
    otherPartnerName outcomeSteps(first: 10) { edges { node { id kind on summary } } } } } } }
  } } } }"""
# Measured here: 10 to 12 statements for each of these pages (django-tenants' SET
# search_path included), the same for 10 rows as for 100.
MAX_QUERIES = 14
COUNT = 110


def _referrals(direction, other, n):
    now = timezone.now()
    return Referral.objects.bulk_create(
        Referral(
            direction=direction,
            referral_type="employment-support",
            other_partner_id=other.pk,
            other_partner_name=other.name,
            payload={"person": {"first_name": f"Person{i}"}, "details": {}},
            basis="Consent given",
            sent_at=now,
            sent_by_name="An officer",
            respond_by=now + timedelta(hours=48),
        )
        for i in range(n)
    )


def _steps(referrals):
    OutcomeStep.objects.bulk_create(
        OutcomeStep(referral=r, kind=kind, on=TODAY, summary=kind, recorded_by_name="An adviser")
        for r in referrals
        for kind in ("first_attended", "training_started")
    )
    ReferralEvent.objects.bulk_create(
        ReferralEvent(referral=r, action="outcome step", partner_name="Kappa") for r in referrals
    )


@pytest.fixture
def provider_side(people, partner_c):
    """At kappa: received referrals, each with an appointment rescheduled to a new one and
    two checklist steps (rows made directly: the journey's own tests cover the writing)."""
    with inside(partner_c):
        adviser = user_with("adviser")
        received = _referrals(Direction.RECEIVED, people.borough, COUNT)
        for r in received:
            later = Appointment.objects.create(
                referral=r, on=TODAY, at=time(11), place="Hub", booked_by_name="A"
            )
            Appointment.objects.create(
                referral=r,
                on=TODAY - timedelta(days=1),
                at=time(10),
                place="Hub",
                booked_by_name="A",
                adviser=adviser,
                status="rescheduled",
                rescheduled_to=later,
            )
        _steps(received)
    return adviser


@pytest.fixture
def borough_side(people, partner_c):
    officer = people.officer
    sent = _referrals(Direction.SENT, partner_c, COUNT)
    customers = Customer.objects.bulk_create(
        Customer(first_name=f"Res{i}", last_name="Ident", created_by=officer) for i in range(COUNT)
    )
    CustomerReferral.objects.bulk_create(
        CustomerReferral(customer=c, referral=r) for c, r in zip(customers, sent, strict=True)
    )
    _steps(sent)
    return officer


def _count(user, query, first):
    user = User.objects.get(pk=user.pk)  # fresh: permissions not yet cached
    with CaptureQueriesContext(connection) as queries:
        result = run(user, query, {"first": first})
    assert result.errors is None, result.errors
    return len(queries), result.data


@pytest.mark.parametrize("query", ["appointments", "referrals"])
def test_the_providers_pages(provider_side, partner_c, query, django_assert_max_num_queries):
    text = {"appointments": APPOINTMENTS, "referrals": RECEIVED}[query]
    with inside(partner_c):
        small, data_10 = _count(provider_side, text, 10)
        with django_assert_max_num_queries(MAX_QUERIES):
            large, data_100 = _count(provider_side, text, 100)
    assert small == large
    assert len(data_10[query]["edges"]) == 10 and len(data_100[query]["edges"]) == 100
    assert data_100[query]["totalCount"] == (2 * COUNT if query == "appointments" else COUNT)
    node = data_100[query]["edges"][0]["node"]
    steps = nodes(
        node["referral"]["outcomeSteps"] if query == "appointments" else node["outcomeSteps"]
    )
    assert [s["kind"] for s in steps] == ["first_attended", "training_started"]
    if query == "referrals":
        assert sorted(a["status"] for a in nodes(node["appointments"])) == ["booked", "rescheduled"]


def test_the_boroughs_page_of_sent_referrals(borough_side, django_assert_max_num_queries):
    small, data_10 = _count(borough_side, SENT, 10)
    with django_assert_max_num_queries(MAX_QUERIES):
        large, data_100 = _count(borough_side, SENT, 100)
    assert small == large
    assert data_100["referrals"]["totalCount"] == COUNT
    node = data_100["referrals"]["edges"][0]["node"]
    assert [s["kind"] for s in nodes(node["outcomeSteps"])] == [
        "first_attended",
        "training_started",
    ]
    assert nodes(node["events"]) == [{"action": "outcome step"}]


def test_the_boroughs_customers_with_their_journeys(borough_side, django_assert_max_num_queries):
    small, _ = _count(borough_side, JOURNEYS, 10)
    with django_assert_max_num_queries(MAX_QUERIES):
        large, data = _count(borough_side, JOURNEYS, 100)
    assert small == large
    assert data["customers"]["totalCount"] == COUNT
    for edge in data["customers"]["edges"]:
        [leg] = nodes(edge["node"]["journey"])
        assert len(nodes(leg["referral"]["outcomeSteps"])) == 2

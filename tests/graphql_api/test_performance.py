"""A page of engagements with their contact, programme, owner and deliveries costs the
same small number of SQL queries for 10 as for 100 (the optimizer joins and prefetches;
nested pages are cut in SQL)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.models import Contact
from casework.safeguarding.services.cases import case_open
from casework.services.engagements import delivery_create
from tenants.accounts.models import User
from tests.casework.screens import new_child, new_engagement, user_with
from tests.graphql_api.helpers import gql, no_deferred_column_loads, nodes, run

PAGE = """query($first: Int!) { engagements(first: $first) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id stage startDate isOpen programme { name } owner { fullName }
    contact { id clientId firstName lastName household { name postcode } }
    deliveries(first: 10) { totalCount edges { node { id date attendance service { name } } } }
    consultations(first: 5) { totalCount edges { node { id date method } } }
    safeguardingCases(first: 5, filters: {isOpen: true}) { totalCount
      edges { node { id reference threshold status nextUpdateDue owner { fullName } } } } } } } }"""
# Eleven statements (permissions twice, engagements with owner joined, programmes, contacts,
# households, deliveries, services, consultations, cases, their owners), each preceded by django-tenants'
# SET search_path (TENANT_LIMIT_SET_CALLS is off).
MAX_QUERIES = 24


@pytest.fixture
def hundred_engagements(in_partner_a, catalogue):
    programme, service = catalogue
    owner = user_with("practitioner")
    for i in range(110):
        child = new_child(owner, first=f"Child{i}", last=f"Family{i}")
        engagement = new_engagement(owner, child, programme)
        if i % 3 == 0:
            case_open(
                actor=owner,
                engagement=engagement,
                threshold="low",
                description="Concern",
                raised_with="Lead",
                actions_agreed="Watch",
            )
        for day in range(2):
            delivery_create(
                actor=owner,
                engagement=engagement,
                service=service,
                on=engagement.start_date + timedelta(days=day),
            )
    return owner


def _count(user, first: int) -> tuple[int, dict]:
    user = User.objects.get(pk=user.pk)  # fresh: permissions not yet cached
    with CaptureQueriesContext(connection) as queries:
        result = run(user, PAGE, {"first": first})
    assert result.errors is None, result.errors
    return len(queries), result.data


@pytest.mark.parametrize("who", ["integrator", "owner"])
def test_the_same_small_number_of_queries_for_10_and_100(
    hundred_engagements, who, django_assert_max_num_queries
):
    user = User.objects.get(username="integrator") if who == "integrator" else hundred_engagements
    small, data_10 = _count(user, 10)
    with django_assert_max_num_queries(MAX_QUERIES):
        large, data_100 = _count(user, 100)
    assert small == large
    assert len(data_10["engagements"]["edges"]) == 10
    assert len(data_100["engagements"]["edges"]) == 100
    assert data_100["engagements"]["totalCount"] == 110
    node = data_100["engagements"]["edges"][0]["node"]
    assert node["deliveries"]["totalCount"] == 2
    assert len(node["deliveries"]["edges"]) == 2
    assert node["contact"]["household"]["name"].endswith("Household")
    with_cases = [
        e["node"]
        for e in data_100["engagements"]["edges"]
        if e["node"]["safeguardingCases"]["totalCount"]
    ]
    # Same start date for all: the page is the newest 100 (children 10…109) by id.
    assert len(with_cases) == sum(1 for i in range(10, 110) if i % 3 == 0)
    assert with_cases[0]["safeguardingCases"]["edges"][0]["node"]["reference"].startswith("SG-")


REFERRALS_PAGE = """query($first: Int!) { referrals(first: $first) { totalCount
  edges { node { id direction referralType otherPartnerName status sentAt respondBy payload
    contactId events(first: 20) { edges { node { at action partnerName byName detail } } } } } } }"""
# Permissions twice, referrals with their contact joined, their events; each preceded by
# SET search_path.
MAX_REFERRAL_QUERIES = 10


@pytest.fixture
def hundred_referrals(partner_b, partner_c):
    """Read-side data: 110 sent referrals of beta's with two events each (bulk made;
    the exchange's own tests cover how they are written)."""
    from django.utils import timezone

    from referrals.models import Direction, Referral, ReferralEvent

    connection.set_tenant(partner_b)
    from tests.referrals.helpers import consented_caller

    caller = consented_caller(user_with("call-handler"))
    now = timezone.now()
    referrals = Referral.objects.bulk_create(
        Referral(
            direction=Direction.SENT,
            referral_type="food",
            other_partner_id=partner_c.pk,
            other_partner_name=partner_c.name,
            contact=caller,
            payload={"person": {"postcode_district": "M1"}, "details": {"n": i}},
            basis="Consent given",
            sent_at=now - timedelta(minutes=i),
            sent_by_name="Data team",
            respond_by=now + timedelta(hours=48),
        )
        for i in range(110)
    )
    ReferralEvent.objects.bulk_create(
        ReferralEvent(referral=r, action=action, partner_name="Beta")
        for r in referrals
        for action in ("sent", "accepted")
    )
    return user_with("data-team")


def test_a_page_of_referrals_costs_the_same_for_10_and_100(
    hundred_referrals, django_assert_max_num_queries
):
    def count(first):
        user = User.objects.get(pk=hundred_referrals.pk)
        with CaptureQueriesContext(connection) as queries:
            result = run(user, REFERRALS_PAGE, {"first": first})
        assert result.errors is None, result.errors
        return len(queries), result.data["referrals"]

    small, page_10 = count(10)
    with django_assert_max_num_queries(MAX_REFERRAL_QUERIES):
        large, page_100 = count(100)
    assert small == large
    assert (len(page_10["edges"]), len(page_100["edges"]), page_100["totalCount"]) == (10, 100, 110)
    node = page_100["edges"][0]["node"]
    assert [e["action"] for e in nodes(node["events"])] == ["sent", "accepted"]
    assert node["contactId"] and node["payload"]["details"] == {"n": 0}


def test_the_column_guard_fails_on_a_column_loaded_afterwards(in_partner_a):
    """gql() relies on no_deferred_column_loads: it must see a deferred column load."""
    child = new_child(user_with("practitioner"), first="Deferred", last="Column")
    row = Contact.objects.only("id").get(pk=child.pk)
    with pytest.raises(AssertionError, match=r"Contact\.first_name"):
        with no_deferred_column_loads():
            assert row.first_name == "Deferred"
    with no_deferred_column_loads():  # loaded columns are fine
        assert Contact.objects.only("first_name").get(pk=child.pk).first_name == "Deferred"


# The page `bin/bench graphql` measures, over HTTP with a token as an integrator sends it:
# the partner's domain (SET search_path to public, the domain), the partner's search path
# set once for the whole request, the token with its account, the account's rights (a
# statement compiled once per process), then engagements with their contacts, and their
# deliveries; last, who looked (issue 19): one INSERT of a row per type read
# (engagements, contacts), whatever the page's size.
BENCH_PAGE_QUERIES = 9


def test_the_bench_page_over_http_costs_nine_statements_for_10_or_100(
    hundred_engagements, client_a, token_a, django_assert_max_num_queries
):
    from bench.graphql import QUERY

    def count(first: int) -> tuple[list[str], dict]:
        with CaptureQueriesContext(connection) as queries:
            status, data = gql(client_a, QUERY, {"first": first}, token=token_a)
        assert status == 200 and "errors" not in data, data
        return [q["sql"] for q in queries.captured_queries], data["data"]["engagements"]

    count(1)  # the token's first use is written down once (last_used_at)
    small, page_10 = count(10)
    with django_assert_max_num_queries(BENCH_PAGE_QUERIES):
        large, page_100 = count(100)
    assert len(small) == len(large) == BENCH_PAGE_QUERIES
    assert [q for q in large if q.startswith("SET search_path")] == [
        'SET search_path = "public"',
        f'SET search_path = "{connection.tenant.schema_name}","public"',
    ]
    assert (len(page_10["edges"]), len(page_100["edges"]), page_100["totalCount"]) == (10, 100, 110)
    assert len(page_100["edges"][0]["node"]["deliveries"]["edges"]) == 2

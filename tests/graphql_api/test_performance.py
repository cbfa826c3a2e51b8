"""A page of engagements with their contact, programme, owner and deliveries costs the
same small number of SQL queries for 10 as for 100 (the optimizer joins and prefetches;
nested pages are cut in SQL)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.safeguarding.services.cases import case_open
from casework.services.engagements import delivery_create
from tenants.accounts.models import User
from tests.casework.screens import new_child, new_engagement, user_with
from tests.graphql_api.conftest import run

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

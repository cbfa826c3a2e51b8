"""The executor's short paths on the real schema (graphql_api.execution, .prefetched,
.edges, .readers): for pages of engagements with their contact and nested connections,
as different users, the answer, the errors, the records noted as read and the number of
SQL statements are exactly those of graphql-core's own executor."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from strawberry.django.context import StrawberryDjangoContext
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from casework.services.engagements import delivery_create
from graphql_api.execution import Executor
from graphql_api.reads import NOTED
from graphql_api.schema import build_schema
from tenants.accounts.models import User
from tests.casework.screens import new_child, new_engagement, user_with
from tests.graphql_api.helpers import no_deferred_column_loads

BENCH = """query($first: Int!) { engagements(first: $first) { totalCount
  edges { node { id stage startDate contact { id firstName lastName }
    deliveries(first: 10) { totalCount edges { node { id date attendance } } } } } } }"""

QUERIES = {
    "the bench page": BENCH,
    "cursors, type names and aliases": """query($first: Int!) { engagements(first: $first) {
      __typename total: totalCount edges { cursor __typename node { __typename id
        who: contact { __typename id firstName } deliveries(first: 2) { __typename totalCount
          edges { __typename cursor item: node { id date } again: node { attendance } } } } } } }""",
    "pageInfo, built the ordinary way": """query($first: Int!) { engagements(first: $first) {
      edges { node { id deliveries(first: 1) { pageInfo { hasNextPage hasPreviousPage
        startCursor endCursor } totalCount edges { cursor node { id } } } } } } }""",
    "no totalCount, empty pages included": """query($first: Int!) { engagements(first: $first) {
      edges { node { id deliveries(first: 3) { edges { node { id attendance } } } } } } }""",
    "fragments and directives": """query($first: Int!, $yes: Boolean!) {
      engagements(first: $first) { edges { node { ...E } } } }
      fragment E on Engagement { id contact @include(if: $yes) { firstName }
        deliveries(first: 4) { totalCount @skip(if: $yes) edges { ... on ServiceDeliveryEdge {
          node { id date } } cursor @include(if: $yes) } } }""",
    "deliveries' own relations": """query($first: Int!) { engagements(first: $first) {
      edges { node { deliveries(first: 5) { edges { node { id service { name }
        engagement { id stage } recordedBy { fullName } } } } } } } }""",
    "a contact's engagements": """query($first: Int!) { contacts(first: $first) {
      totalCount edges { node { id household { name } engagements(first: 3) { totalCount
        edges { cursor node { id stage deliveries(first: 1) { totalCount } } } } } } } }""",
}


@pytest.fixture
def people(in_partner_a, catalogue):
    """Two practitioners' engagements (some with no deliveries), an integrator who sees
    them all and a practitioner who owns none of them."""
    programme, service = catalogue
    owners = [user_with("practitioner"), user_with("practitioner")]
    for i in range(12):
        owner = owners[i % 2]
        child = new_child(owner, first=f"Kid{i}", last=f"Home{i}")
        engagement = new_engagement(owner, child, programme)
        for day in range(i % 4):  # none for every fourth
            delivery_create(
                actor=owner,
                engagement=engagement,
                service=service,
                on=engagement.start_date + timedelta(days=day),
            )
    return {
        "integrator": User.objects.get(username="integrator"),
        "an owner": owners[0],
        "no one's owner": user_with("practitioner"),
    }


def answer(executor, user, query: str) -> tuple:
    schema = build_schema(introspection=False, suggestions=False, executor=executor)
    request = RequestFactory().post("/graphql/")
    request.user = User.objects.get(pk=user.pk)  # rights loaded afresh for each executor
    request.tenant = connection.tenant
    context = StrawberryDjangoContext(request=request, response=None)
    with no_deferred_column_loads(), CaptureQueriesContext(connection) as queries:
        result = schema.execute_sync(
            query, variable_values={"first": 20, "yes": True}, context_value=context
        )
    errors = [(error.message, error.path) for error in result.errors or ()]
    return result.data, errors, request.__dict__.get(NOTED), len(queries)


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("who", ["integrator", "an owner", "no one's owner"])
def test_answers_reads_and_queries_are_graphql_cores(people, who, query):
    ours = answer(Executor, people[who], QUERIES[query])
    assert ours == answer(StrawberryGraphQLCoreExecutionContext, people[who], QUERIES[query])
    data, errors, noted, _ = ours
    assert not errors
    if "engagements" in data:  # each practitioner sees their own; contacts, all of them
        seen = len(data["engagements"]["edges"])
        assert seen == {"integrator": 12, "an owner": 6, "no one's owner": 0}[who]
    if who != "no one's owner":
        assert noted  # the records returned were noted as read, by both


def test_the_bench_page_reads_as_written(people):
    data, _, noted, _ = answer(Executor, people["an owner"], BENCH)
    pages = [edge["node"]["deliveries"] for edge in data["engagements"]["edges"]]
    assert sorted(page["totalCount"] for page in pages) == [
        0,
        0,
        0,
        2,
        2,
        2,
    ]  # i % 4 for i = 0, 2, … 10
    assert all(len(page["edges"]) == page["totalCount"] for page in pages)
    assert len(noted["engagement"]) == len(noted["contact"]) == 6

"""Parsed and validated documents are kept by query text (graphql_api/documents.py), and
only those: every request still has its variables coerced, its cost counted, its
strings checked and its rows narrowed to what its user may see."""

from unittest import mock

import pytest
from django.db import connection
from strawberry.schema import schema as strawberry_schema

from casework.models import Programme
from graphql_api import documents
from graphql_api.schema import schema
from tests.casework.screens import new_child, new_engagement, user_with
from tests.graphql_api.helpers import gql

PAGE = """query Page($first: Int!) { engagements(first: $first) { totalCount
  edges { node { id stage contact { firstName } } } } }"""


@pytest.fixture(autouse=True)
def empty_cache():
    documents.cache_of(schema._schema).clear()
    yield
    documents.cache_of(schema._schema).clear()


def _validations():
    return mock.patch.object(
        strawberry_schema,
        "validate_document",
        wraps=strawberry_schema.validate_document,
    )


def test_a_known_text_is_parsed_and_validated_once(client_a, token_a):
    with (
        _validations() as validated,
        mock.patch.object(strawberry_schema, "parse", wraps=strawberry_schema.parse) as parsed,
    ):
        for _ in range(3):
            status, data = gql(client_a, PAGE, {"first": 5}, token=token_a)
            assert status == 200 and "errors" not in data, data
    assert (parsed.call_count, validated.call_count) == (1, 1)
    assert len(documents.cache_of(schema._schema)) == 1


def test_the_same_text_from_another_partner_sees_only_its_own_rows(
    client_a, client_b, token_a, champion_token_b, catalogue
):
    programme, _service = catalogue
    owner = user_with("practitioner")
    new_engagement(owner, new_child(owner, first="Only", last="AtA"), programme)
    _, seen_by_a = gql(client_a, PAGE, {"first": 5}, token=token_a)
    assert seen_by_a["data"]["engagements"]["totalCount"] == 1
    connection.set_schema_to_public()
    _, seen_by_b = gql(client_b, PAGE, {"first": 5}, token=champion_token_b)
    assert seen_by_b["data"]["engagements"] == {"totalCount": 0, "edges": []}
    assert len(documents.cache_of(schema._schema)) == 1  # one document served both


def test_variables_are_still_checked_on_every_request(client_a, token_a):
    gql(client_a, PAGE, {"first": 5}, token=token_a)
    _, data = gql(client_a, PAGE, {"first": "five"}, token=token_a)
    assert data["data"] is None and "whole numbers" in data["errors"][0]["message"]
    search = "query Search($q: String!) { contactSearch(query: $q) { reasons } }"
    _, data = gql(client_a, search, {"q": "Ada"}, token=token_a)
    assert data["data"] == {"contactSearch": []}
    _, data = gql(client_a, search, {"q": 5}, token=token_a)
    assert "String cannot represent a non string value" in data["errors"][0]["message"]
    _, data = gql(client_a, search, {}, token=token_a)
    assert "$q" in data["errors"][0]["message"]
    _, data = gql(client_a, PAGE, {"first": 500}, token=token_a)
    assert data["errors"][0]["extensions"]["code"] == "PAGE_TOO_LARGE"


def test_a_literal_that_cannot_be_stored_is_refused_every_time(client_a, token_a):
    query = '{ contactSearch(query: "a\\u0000b") { reasons } }'
    for _ in range(2):
        _, data = gql(client_a, query, token=token_a)
        assert data["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


def test_invalid_documents_are_not_kept_and_new_limits_apply(client_a, token_a, settings):
    _, data = gql(client_a, "{ engagements { nope } }", token=token_a)
    assert "nope" in data["errors"][0]["message"]
    assert len(documents.cache_of(schema._schema)) == 0
    gql(client_a, PAGE, {"first": 5}, token=token_a)
    settings.GRAPHQL_MAX_DEPTH = 2  # kept under the old limit: checked again under this one
    _, data = gql(client_a, PAGE, {"first": 5}, token=token_a)
    assert "exceeds maximum operation depth" in data["errors"][0]["message"]


def test_the_cache_is_bounded(client_a, token_a, settings):
    settings.GRAPHQL_DOCUMENT_CACHE_SIZE = 2
    for n in range(4):
        status, _ = gql(client_a, f"query Q{n} {{ me {{ username }} }}", token=token_a)
        assert status == 200
    assert len(documents.cache_of(schema._schema)) == 2


def test_a_changed_text_is_validated_again(client_a, token_a):
    gql(client_a, PAGE, {"first": 5}, token=token_a)
    changed = PAGE.replace("firstName", "firstName nope")
    _, data = gql(client_a, changed, {"first": 5}, token=token_a)
    assert "nope" in data["errors"][0]["message"] and data.get("data") is None
    assert len(documents.cache_of(schema._schema)) == 1  # the refused one is not kept


def test_a_query_over_the_cost_limit_is_refused_each_time_it_is_sent(client_a, token_a, settings):
    settings.GRAPHQL_MAX_COST = 50
    for _ in range(2):  # the second time from the cache: refused all the same
        _, data = gql(client_a, PAGE, {"first": 60}, token=token_a)
        assert data["errors"][0]["extensions"]["code"] == "TOO_COSTLY"
    _, data = gql(client_a, PAGE, {"first": 5}, token=token_a)  # same text, cheaper
    assert "errors" not in data
    assert len(documents.cache_of(schema._schema)) == 1


def test_two_partners_requests_interleaved_each_read_only_their_own_rows(
    partner_a, partner_b, client_a, client_b, token_a, champion_token_b
):
    """The search path is set once per request (tenants/postgresql_backend): requests
    for A and B one after another on the same connection never read the other's rows."""
    for partner, name in ((partner_b, "Only at B"), (partner_a, "Only at A")):
        connection.set_tenant(partner)
        Programme.objects.create(name=name, code_prefix=name[-1] * 2)
    query = "{ programmes(first: 5) { edges { node { name } } } }"
    for client, token, name in [
        (client_a, token_a, "Only at A"),
        (client_b, champion_token_b, "Only at B"),
    ] * 3:
        _, data = gql(client, query, token=token)
        edges = data["data"]["programmes"]["edges"]
        assert [e["node"]["name"] for e in edges] == [name]

"""Small helpers shared by the GraphQL tests (not fixtures)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.graphql_api.conftest import run


def refused_without_sql(user, query, variables=None, **kwargs):
    """The first error of a query refused before any SQL ran."""
    with CaptureQueriesContext(connection) as queries:
        result = run(user, query, variables, **kwargs)
    assert result.data is None, result.data
    assert result.errors, "expected a refusal"
    assert len(queries) == 0, [q["sql"] for q in queries]
    return result.errors[0]


def payload(result, field):
    """A mutation's payload, once the request itself raised no error."""
    assert result.errors is None, result.errors
    return result.data[field]


def codes(data):
    """(field, code) of each error a payload reports."""
    return {(e["field"], e["code"]) for e in data["errors"]}


def nodes(connection: dict) -> list:
    """A connection's items (every list that grows is paged: edges of nodes)."""
    return [edge["node"] for edge in connection["edges"]]

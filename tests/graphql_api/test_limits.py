"""Abuse limits: each refusal is decided on the parsed query, so no SQL runs at all."""

import pytest

from graphql_api.schema import build_schema
from tenants.accounts.models import User
from tests.graphql_api.helpers import gql, refused_without_sql, run

pytestmark = pytest.mark.security


@pytest.fixture
def integrator(in_partner_a):
    return User.objects.get(username="integrator")


def test_depth_limit(integrator, settings):
    nested = "contact { household { members { household { members { household { members { household { members { firstName } } } } } } } } }"
    error = refused_without_sql(
        integrator, f"{{ engagements(first: 1) {{ edges {{ node {{ {nested} }} }} }} }}"
    )
    assert "exceeds maximum operation depth" in error.message


def test_alias_limit(integrator):
    aliases = " ".join(f"a{i}: me {{ username }}" for i in range(20))
    error = refused_without_sql(integrator, f"{{ {aliases} }}")
    assert "aliases" in error.message


def test_token_limit(integrator):
    fields = " ".join(["username"] * 2100)
    error = refused_without_sql(integrator, f"{{ me {{ {fields} }} }}")
    assert "token" in error.message.lower()


def test_cost_limit_multiplies_page_sizes(integrator):
    query = """{ engagements(first: 100) { edges { node { id
      deliveries(first: 100) { edges { node { id } } } } } } }"""
    error = refused_without_sql(integrator, query)
    assert error.extensions["code"] == "TOO_COSTLY"
    assert "10100 objects" in error.message


def test_cost_limit_reads_variables_and_fragments(integrator):
    query = """query($n: Int!) { contacts(first: $n) { edges { node { ...C } } } }
      fragment C on Contact { engagements(first: $n) { edges { node { id } } } }"""
    error = refused_without_sql(integrator, query, {"n": 90})
    assert error.extensions["code"] == "TOO_COSTLY"
    # The same shape with small pages runs.
    assert run(integrator, query, {"n": 5}).errors is None


@pytest.mark.parametrize("first", [101, 5000])
def test_pages_larger_than_100_are_refused_clearly(integrator, first):
    error = refused_without_sql(
        integrator, "query($n: Int!) { engagements(first: $n) { totalCount } }", {"n": first}
    )
    assert error.extensions["code"] == "PAGE_TOO_LARGE"
    assert f"at most 100 items a page (first or last), {first} asked" in error.message


def test_negative_page_sizes_are_refused(integrator):
    error = refused_without_sql(integrator, "{ engagements(last: -1) { totalCount } }")
    assert error.extensions["code"] == "PAGE_TOO_LARGE"


def test_batched_operations_are_refused(client_a, token_a):
    response = client_a.post(
        "/graphql/",
        data='[{"query": "{ me { username } }"}, {"query": "{ me { username } }"}]',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_a}",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BATCHED"


def test_introspection_and_suggestions_follow_the_settings(integrator):
    production = build_schema(introspection=False, suggestions=False)
    development = build_schema(introspection=True, suggestions=True)
    error = refused_without_sql(integrator, "{ __schema { types { name } } }", schema=production)
    assert "introspection" in error.message.lower()
    assert run(integrator, "{ __schema { queryType { name } } }", schema=development).errors is None
    prod_error = run(integrator, "{ engagments { totalCount } }", schema=production).errors[0]
    dev_error = run(integrator, "{ engagments { totalCount } }", schema=development).errors[0]
    assert "Did you mean" not in prod_error.message
    assert "Did you mean 'engagements'" in dev_error.message


def test_the_served_schema_uses_the_test_settings(client_a, token_a):
    """Test settings are not DEBUG: like production, no introspection."""
    status, data = gql(client_a, "{ __schema { queryType { name } } }", token=token_a)
    assert data["data"] is None
    assert "introspection" in data["errors"][0]["message"].lower()


def test_unexpected_errors_are_masked(integrator, monkeypatch):
    from graphql_api.accounts import queries

    def explode(*args, **kwargs):
        raise RuntimeError("SELECT secret FROM somewhere")

    monkeypatch.setattr(queries, "roles_offered", explode)
    result = run(integrator, "{ roles { key } }")
    message = result.errors[0].message
    assert "SELECT" not in message and "RuntimeError" not in message
    assert message == "Something went wrong on our side. The error has been logged."

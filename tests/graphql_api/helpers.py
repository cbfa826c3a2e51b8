"""Small helpers shared by the GraphQL tests (not fixtures)."""

import json
from contextlib import contextmanager
from datetime import timedelta

from django.db import connection
from django.db.models.query_utils import DeferredAttribute
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tenants.accounts.models import User
from tenants.accounts.services.tokens import api_token_create


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


def make_token(*, username: str = "integrator", scope: str = "write", days: int = 30) -> str:
    """A token for one of the current partner's accounts, created by its champion."""
    champion = User.objects.get(username="champion")
    user = User.objects.get(username=username)
    return api_token_create(
        actor=champion,
        user_public_id=user.public_id,
        name=f"{username} {scope}",
        scope=scope,
        expires_at=timezone.now() + timedelta(days=days),
    ).secret


@contextmanager
def no_deferred_column_loads():
    """The optimizer selects only() the columns a query asks for; a resolver reading a
    column it did not declare would cost one query per object. Fail on the first."""
    loads = []
    original = DeferredAttribute.__get__

    def watched(self, instance, cls=None):
        if (
            instance is not None
            and self.field.attname not in instance.__dict__
            and self._check_parent_chain(instance) is None
        ):
            loads.append(f"{type(instance).__name__}.{self.field.attname}")
        return original(self, instance, cls)

    DeferredAttribute.__get__ = watched
    try:
        yield loads
    finally:
        DeferredAttribute.__get__ = original
    assert not loads, f"columns loaded one query at a time (declare them with only=): {loads}"


def gql(client, query: str, variables: dict | None = None, *, token: str | None = None):
    """POST one operation; returns (status, parsed JSON). No resolver may load a column
    the optimizer left out (see no_deferred_column_loads)."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    with no_deferred_column_loads():
        response = client.post(
            "/graphql/",
            data=json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            **headers,
        )
    return response.status_code, response.json()


def run(user, query: str, variables: dict | None = None, *, partner=None, token=None, schema=None):
    """Execute against the schema in-process as `user` (no HTTP, no auth queries); like
    gql(), it fails on a column loaded one query at a time."""
    from django.test import RequestFactory
    from strawberry.django.context import StrawberryDjangoContext

    from graphql_api.schema import schema as default_schema

    request = RequestFactory().post("/graphql/")
    request.user = user
    request.tenant = partner or connection.tenant
    if token is not None:
        request.api_token = token
    with no_deferred_column_loads():
        return (schema or default_schema).execute_sync(
            query,
            variable_values=variables,
            context_value=StrawberryDjangoContext(request=request, response=None),
        )


def global_id(type_name: str, obj) -> str:
    from strawberry import relay

    return str(relay.GlobalID(type_name, str(obj.public_id)))

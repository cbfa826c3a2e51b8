"""Every GraphQL field of a support case applies referrals.policy.case_details_shown,
as every portal page under one does (tests/referrals/test_case_details_shown.py): a call
handler who has not confirmed the caller's identity gets nothing of the case. The
fields are read from the schema, so a field added later is covered too."""

import json

import pytest
from django.db import connection
from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType

from referrals.services.cases import case_verify
from tests.graphql_api.helpers import global_id, run
from tests.partners import PASSWORD
from tests.referrals.helpers import CASE_SECRETS, a_case_with_everything
from tests.tenants.accounts.helpers import make_user

pytestmark = pytest.mark.security


def _selection(field_type, depth=0) -> str:
    while isinstance(field_type, GraphQLNonNull | GraphQLList):
        field_type = field_type.of_type
    if not isinstance(field_type, GraphQLObjectType):
        return ""
    if depth > 1:
        return "{ __typename }"
    inner = []
    # A connection and its edges are wrappers: the items inside count as one level down.
    step = 0 if field_type.name.endswith(("Connection", "Edge")) else 1
    for name, field in field_type.fields.items():
        if any(arg.type.__class__ is GraphQLNonNull for arg in field.args.values()):
            continue
        inner.append(f"{name} {_selection(field.type, depth + step)}".strip())
    return "{ " + " ".join(inner) + " }"


def test_an_unverified_handler_gets_nothing_of_the_case_through_the_api(partner_b):
    from graphql_api.schema import schema

    connection.set_tenant(partner_b)
    handler = make_user(role_key="call-handler", password=PASSWORD)
    case = a_case_with_everything(handler)
    colleague = make_user(role_key="call-handler", password=PASSWORD)
    support_case = schema._schema.get_type("SupportCase")
    query = "query($id: ID!) { node(id: $id) { ... on SupportCase " + _selection(support_case)
    query += " } }"
    result = run(colleague, query, {"id": global_id("SupportCase", case)})
    assert result.errors is None, result.errors
    text = json.dumps(result.data)
    assert result.data["node"]["title"] == "Food parcel"
    assert not [s for s in (*CASE_SECRETS, "Fairweather") if s in text], text
    # The same query, once the identity is confirmed, shows them: the check can fail.
    case_verify(actor=colleague, case=case)
    text = json.dumps(run(colleague, query, {"id": global_id("SupportCase", case)}).data)
    assert "Fairweather" in text and "Very private note" in text and "Vegetarian" in text

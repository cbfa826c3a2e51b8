"""Customers through GraphQL: find before create, interest recorded through the
service's rules, and seen only by the partner's referring staff."""

from datetime import date

import pytest
from django.db import connection

from customers.models import Customer, NotInterestedReason
from tests.graphql_api.helpers import global_id, run
from tests.partners import PASSWORD
from tests.tenants.accounts.helpers import make_user

ERRORS = "errors { field message code }"
CREATE = f"""mutation($input: CustomerCreateInput!) {{ customerCreate(input: $input)
  {{ customer {{ id firstName housingReference }} matches {{ reasons customer {{ id }} }} {ERRORS} }} }}"""
INTEREST = f"""mutation($input: CustomerInterestInput!) {{ customerRecordInterest(input: $input)
  {{ customer {{ id interest interestRecordedOn notInterestedReasons notInterestedOther }} {ERRORS} }} }}"""


@pytest.fixture
def adviser(partner_c):
    connection.set_tenant(partner_c)
    return make_user(role_key="adviser", password=PASSWORD)


def test_find_before_create_then_record_interest(adviser):
    details = {"firstName": "Robin", "lastName": "Ashdown", "housingReference": "hr 100"}
    first = run(adviser, CREATE, {"input": details}).data["customerCreate"]
    assert first["errors"] == [] and first["customer"]["housingReference"] == "HR100"
    # The same person again: the match comes back and nothing is created.
    again = run(adviser, CREATE, {"input": {**details, "housingReference": "HR100"}}).data[
        "customerCreate"
    ]
    assert again["customer"] is None
    assert again["matches"][0]["customer"]["id"] == first["customer"]["id"]
    assert "housing reference" in again["matches"][0]["reasons"]
    assert [e["field"] for e in again["errors"]] == ["noneOfTheMatches"]
    # Confirming none is them still meets the one-record-per-reference rule.
    forced = run(
        adviser,
        CREATE,
        {"input": {**details, "housingReference": "HR100", "noneOfTheMatches": True}},
    ).data["customerCreate"]
    assert [(e["field"], e["code"]) for e in forced["errors"]] == [("housingReference", "INVALID")]
    assert Customer.objects.count() == 1

    cid = first["customer"]["id"]
    reason = NotInterestedReason.objects.filter(is_active=True).first()
    missing = run(
        adviser,
        INTEREST,
        {"input": {"customerId": cid, "interest": "not_interested", "on": str(date.today())}},
    ).data["customerRecordInterest"]
    assert [e["field"] for e in missing["errors"]] == ["reasons"]
    unknown = run(
        adviser,
        INTEREST,
        {
            "input": {
                "customerId": cid,
                "interest": "not_interested",
                "on": str(date.today()),
                "reasons": ["Nope"],
            }
        },
    ).data["customerRecordInterest"]
    assert [e["field"] for e in unknown["errors"]] == ["reasons"]
    assert Customer.objects.get().interest == "not_asked"
    done = run(
        adviser,
        INTEREST,
        {
            "input": {
                "customerId": cid,
                "interest": "not_interested",
                "on": str(date.today()),
                "reasons": [reason.name],
            }
        },
    ).data["customerRecordInterest"]
    assert done["errors"] == []
    assert done["customer"]["notInterestedReasons"] == [reason.name]


@pytest.mark.parametrize(
    ("slug", "role", "visible"),
    [
        ("kappa", "adviser", True),
        ("kappa", "provider-manager", True),
        ("kappa", "editor", False),
        ("beta", "champion", False),
        ("alpha", "practitioner", False),
    ],
)
def test_who_sees_a_customer(adviser, partner_a, partner_b, partner_c, slug, role, visible):
    customer = Customer.objects.create(first_name="Robin", last_name="Ashdown", created_by=adviser)
    connection.set_tenant({"alpha": partner_a, "beta": partner_b, "kappa": partner_c}[slug])
    user = make_user(role_key=role, password=PASSWORD)
    gid = global_id("Customer", customer)
    node = run(user, "query($id: ID!) { node(id: $id) { id } }", {"id": gid}).data["node"]
    listed = run(user, "{ customers(first: 5) { totalCount } }").data["customers"]["totalCount"]
    assert (node is not None, listed) == (visible, 1 if visible else 0)
    result = run(
        user,
        INTEREST,
        {"input": {"customerId": gid, "interest": "interested", "on": str(date.today())}},
    ).data["customerRecordInterest"]
    assert (result["errors"] == []) is visible
    if not visible:
        assert result["errors"][0]["code"] == "NOT_FOUND"

"""Mutations go through the portal's services: the same rules, field errors a client can
act on, and nothing half-saved. Bad ids, wrong types and missing fields change nothing."""

from datetime import date, timedelta

import pytest
from django.db import connection

from casework.models import (
    Contact,
    Engagement,
    GroupSession,
    Household,
    Relationship,
    ServiceDelivery,
)
from tenants.accounts.models import AuditEntry, User
from tests.graphql_api.helpers import global_id, gql

ERRORS = "errors { field message code }"
PAGE = """query($after: String) { engagements(first: 2, after: $after, filters: {isOpen: true},
  ordering: [{startDate: DESC}]) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { id contact { firstName } } } } }"""
DELIVERY = f"""mutation($e: ID!, $s: ID!, $d: Date!) {{ deliveryCreate(input: {{engagementId: $e,
  serviceId: $s, date: $d, durationMinutes: 45, summary: "Played with blocks"}})
  {{ delivery {{ id date durationMinutes engagement {{ id }} }} {ERRORS} }} }}"""


def counts():
    return (
        Contact.objects.count(),
        Household.objects.count(),
        Relationship.objects.count(),
        Engagement.objects.count(),
        ServiceDelivery.objects.count(),
        GroupSession.objects.count(),
    )


def test_an_integrator_pages_through_engagements_and_records_a_delivery(client_a, token_a, world):
    from tests.casework.screens import new_child, new_engagement

    w = world
    for i in range(3):
        new_engagement(w.users["owner"], new_child(w.users["owner"], first=f"Kid{i}"), w.programme)
    seen, after = [], None
    while True:
        status, data = gql(client_a, PAGE, {"after": after}, token=token_a)
        page = data["data"]["engagements"]
        assert page["totalCount"] == 4
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 4
    before = ServiceDelivery.objects.count()
    status, data = gql(
        client_a,
        DELIVERY,
        {
            "e": global_id("Engagement", w.engagement),
            "s": global_id("Service", w.service),
            "d": date.today().isoformat(),
        },
        token=token_a,
    )
    payload = data["data"]["deliveryCreate"]
    assert payload["errors"] == []
    assert payload["delivery"]["durationMinutes"] == 45
    assert payload["delivery"]["engagement"]["id"] == global_id("Engagement", w.engagement)
    assert ServiceDelivery.objects.count() == before + 1
    delivery = ServiceDelivery.objects.latest("id")
    assert delivery.recorded_by.username == "integrator"
    assert delivery.summary == "Played with blocks"


@pytest.mark.parametrize(
    "variables, field, code",
    [
        # an engagement id presented as a service id, and the other way round
        ({"e": "service", "s": "service"}, "engagementId", "NOT_FOUND"),
        ({"e": "engagement", "s": "engagement"}, "serviceId", "NOT_FOUND"),
        # a global id naming an integer key, a random UUID, not base64 at all
        ({"e": "RW5nYWdlbWVudDox", "s": "service"}, "engagementId", "NOT_FOUND"),
        ({"e": "random", "s": "service"}, "engagementId", "NOT_FOUND"),
        ({"e": "engagement", "s": "service", "d": "future"}, "date", "INVALID"),
    ],
)
def test_bad_ids_and_values_are_field_errors_and_change_nothing(
    client_a, token_a, world, variables, field, code
):
    import uuid

    w = world
    ids = {
        "engagement": global_id("Engagement", w.engagement),
        "service": global_id("Service", w.service),
        "random": global_id("Engagement", type("X", (), {"public_id": uuid.uuid4()})),
    }
    values = {
        "e": ids.get(variables["e"], variables["e"]),
        "s": ids.get(variables["s"], variables["s"]),
        "d": (date.today() + timedelta(days=3)).isoformat()
        if variables.get("d") == "future"
        else date.today().isoformat(),
    }
    before = counts()
    status, data = gql(client_a, DELIVERY, values, token=token_a)
    assert status == 200
    payload = data["data"]["deliveryCreate"]
    assert payload["delivery"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)]
    assert payload["errors"][0]["message"]
    assert counts() == before


@pytest.mark.parametrize(
    "query, expected",
    [
        # wrong types
        (
            'mutation { deliveryCreate(input: {engagementId: "x", serviceId: "y", date: "yesterday"}) { errors { message } } }',
            "Date",
        ),
        (
            'mutation { deliveryCreate(input: {engagementId: "x", serviceId: "y", date: "2020-01-01", durationMinutes: "long"}) { errors { message } } }',
            "Int",
        ),
        # missing fields
        (
            'mutation { deliveryCreate(input: {engagementId: "x", date: "2020-01-01"}) { errors { message } } }',
            "serviceId",
        ),
        ("mutation { consultationCreate { errors { message } } }", "input"),
        # not a global id at all
        (
            'mutation { engagementClose(input: {id: "%%%", closedOn: "2020-01-01"}) { errors { message } } }',
            "GlobalID",
        ),
    ],
)
def test_malformed_input_is_refused_before_anything_runs(client_a, token_a, world, query, expected):
    before = counts()
    status, data = gql(client_a, query, token=token_a)
    assert data.get("data") is None
    message = " ".join(e["message"] for e in data["errors"])
    assert expected in message, message
    assert "Something went wrong" not in message
    assert counts() == before


def test_contact_create_and_update_use_the_contact_rules(client_a, token_a):
    query = f"""mutation {{ contactCreate(input: {{kind: "child", firstName: "Ivy", lastName: "Stone",
      postcode: "not a postcode"}}) {{ contact {{ id }} {ERRORS} }} }}"""
    before = counts()
    payload = gql(client_a, query, token=token_a)[1]["data"]["contactCreate"]
    fields = {e["field"] for e in payload["errors"]}
    assert fields == {"dateOfBirth", "postcode"}
    assert counts() == before
    query = f"""mutation {{ contactCreate(input: {{kind: "child", firstName: "Ivy", lastName: "Stone",
      dateOfBirth: "2022-01-02", postcode: "sw1a1aa"}}) {{ contact {{ id clientId household {{ name postcode }} }} {ERRORS} }} }}"""
    payload = gql(client_a, query, token=token_a)[1]["data"]["contactCreate"]
    assert payload["errors"] == []
    assert payload["contact"]["household"] == {"name": "Stone Household", "postcode": "SW1A 1AA"}
    contact_id = payload["contact"]["id"]
    query = f"""mutation($id: ID!) {{ contactUpdate(input: {{id: $id, lastName: "Flint",
      email: "not-an-email"}}) {{ contact {{ lastName }} {ERRORS} }} }}"""
    payload = gql(client_a, query, {"id": contact_id}, token=token_a)[1]["data"]["contactUpdate"]
    assert [e["field"] for e in payload["errors"]] == ["email"]
    assert Contact.objects.get(first_name="Ivy").last_name == "Stone"  # nothing half-saved
    query = f"""mutation($id: ID!, $reason: String!) {{ contactUpdate(input: {{id: $id,
      lastName: "Flint", reason: $reason}}) {{ contact {{ lastName household {{ name }} }} {ERRORS} }} }}"""
    # A child's name changes only with a reason (casework.policy), as in the portal.
    variables = {"id": contact_id, "reason": ""}
    payload = gql(client_a, query, variables, token=token_a)[1]["data"]["contactUpdate"]
    assert [e["field"] for e in payload["errors"]] == ["reason"]
    variables["reason"] = "Surname changed by deed poll"
    payload = gql(client_a, query, variables, token=token_a)[1]["data"]["contactUpdate"]
    assert payload == {
        "contact": {"lastName": "Flint", "household": {"name": "Flint Household"}},
        "errors": [],
    }


def test_household_member_add_and_relationship_create(client_a, token_a, world):
    from tests.casework.screens import new_child

    w = world
    other = new_child(w.users["owner"], first="Pip", last="Elsewhere")
    query = f"""mutation($h: ID!, $c: ID!) {{ householdMemberAdd(householdId: $h, contactId: $c)
      {{ household {{ name members {{ firstName }} }} {ERRORS} }} }}"""
    payload = gql(
        client_a,
        query,
        {"h": global_id("Household", w.household), "c": global_id("Contact", other)},
        token=token_a,
    )[1]["data"]["householdMemberAdd"]
    assert payload["errors"] == []
    assert payload["household"]["name"] == "Quillfeather and Elsewhere Household"
    query = f"""mutation($c: ID!, $o: ID!) {{ relationshipCreate(contactId: $c, otherId: $o,
      kind: "sibling") {{ relationship {{ kind other {{ firstName }} }} {ERRORS} }} }}"""
    variables = {"c": global_id("Contact", other), "o": global_id("Contact", w.child)}
    payload = gql(client_a, query, variables, token=token_a)[1]["data"]["relationshipCreate"]
    assert payload == {
        "relationship": {"kind": "sibling", "other": {"firstName": "Zephyrine"}},
        "errors": [],
    }
    payload = gql(client_a, query, variables, token=token_a)[1]["data"]["relationshipCreate"]
    assert payload["errors"][0]["message"].startswith("This relationship is already recorded")
    # Removed as wrong, both halves, with the reason; then the right one is recorded.
    remove = f"""mutation($c: ID!, $o: ID!, $r: String!) {{ relationshipRemove(contactId: $c,
      otherId: $o, reason: $r) {{ relationship {{ kind removedAt removalReason }} {ERRORS} }} }}"""
    refused = gql(client_a, remove, {**variables, "r": " "}, token=token_a)[1]["data"]
    assert refused["relationshipRemove"]["errors"][0]["field"] == "reason"
    flipped = {"c": variables["o"], "o": variables["c"], "r": "Entered in error"}
    payload = gql(client_a, remove, flipped, token=token_a)[1]["data"]["relationshipRemove"]
    assert (
        payload["errors"] == [] and payload["relationship"]["removalReason"] == "Entered in error"
    )
    pair = [other, w.child]
    assert not Relationship.objects.current().filter(contact__in=pair, other__in=pair).exists()
    again = gql(client_a, remove, flipped, token=token_a)[1]["data"]["relationshipRemove"]
    assert again["errors"][0]["field"] == "otherId"
    cousin = query.replace('kind: "sibling"', 'kind: "other"')
    payload = gql(client_a, cousin, variables, token=token_a)[1]["data"]["relationshipCreate"]
    assert payload["errors"] == []


def test_engagement_open_close_and_consultation(client_a, token_a, world):
    w = world
    open_query = f"""mutation($c: ID!, $p: ID!, $d: Date!) {{ engagementOpen(input: {{contactId: $c,
      programmeId: $p, startDate: $d}}) {{ engagement {{ id stage isOpen owner {{ fullName }} }} {ERRORS} }} }}"""
    adult = {
        "c": global_id("Contact", w.mum),
        "p": global_id("Programme", w.programme),
        "d": "2026-01-05",
    }
    payload = gql(client_a, open_query, adult, token=token_a)[1]["data"]["engagementOpen"]
    assert (
        payload["errors"][0]["field"] == "contact" and "children" in payload["errors"][0]["message"]
    )
    child = adult | {"c": global_id("Contact", w.child)}
    payload = gql(client_a, open_query, child, token=token_a)[1]["data"]["engagementOpen"]
    assert payload["errors"] == [] and payload["engagement"]["isOpen"] is True
    engagement_id = payload["engagement"]["id"]
    close = f"""mutation($id: ID!, $d: Date!) {{ engagementClose(input: {{id: $id, closedOn: $d}})
      {{ engagement {{ stage closedOn }} {ERRORS} }} }}"""
    payload = gql(client_a, close, {"id": engagement_id, "d": "2025-12-31"}, token=token_a)[1][
        "data"
    ]["engagementClose"]
    assert payload["errors"][0]["field"] == "closedOn"
    payload = gql(client_a, close, {"id": engagement_id, "d": "2026-02-01"}, token=token_a)[1][
        "data"
    ]["engagementClose"]
    assert payload == {"engagement": {"stage": "closed", "closedOn": "2026-02-01"}, "errors": []}
    consult = f"""mutation($id: ID!) {{ consultationCreate(input: {{engagementId: $id, date: "2026-02-02",
      method: "phone", heldWith: "Health visitor", notes: "Talked"}}) {{ consultation {{ id }} {ERRORS} }} }}"""
    payload = gql(client_a, consult, {"id": engagement_id}, token=token_a)[1]["data"][
        "consultationCreate"
    ]
    assert payload["errors"][0]["field"] == "engagement"
    assert "closed" in payload["errors"][0]["message"]


def test_bulk_deliveries_are_all_or_nothing_with_row_errors(client_a, token_a, world):
    w = world
    query = f"""mutation($rows: [BulkDeliveryRow!]!) {{ deliveriesBulkCreate(input: {{rows: $rows,
      anonymousAttendees: 3}}) {{ deliveries {{ id }} {ERRORS} }} }}"""
    good = {
        "engagementId": global_id("Engagement", w.engagement),
        "serviceId": global_id("Service", w.service),
        "date": date.today().isoformat(),
    }
    bad = good | {"date": (date.today() + timedelta(days=1)).isoformat()}
    before = counts()
    payload = gql(client_a, query, {"rows": [good, bad]}, token=token_a)[1]["data"][
        "deliveriesBulkCreate"
    ]
    assert [e["field"] for e in payload["errors"]] == ["rows.1.date"]
    assert counts() == before
    payload = gql(client_a, query, {"rows": [good]}, token=token_a)[1]["data"][
        "deliveriesBulkCreate"
    ]
    assert payload["errors"] == [] and len(payload["deliveries"]) == 1
    assert GroupSession.objects.get().anonymous_attendees == 3
    too_many = [good] * 101
    payload = gql(client_a, query, {"rows": too_many}, token=token_a)[1]["data"][
        "deliveriesBulkCreate"
    ]
    assert payload["errors"][0]["field"] == "rows"


def test_practitioners_session_cannot_touch_anothers_engagement(partner_a, world):
    """Through a portal session too: another practitioner's engagement is not found."""
    from tests.clients import signed_in

    w = world
    client = signed_in(partner_a, w.users["other"])
    status, data = gql(
        client,
        DELIVERY,
        {
            "e": global_id("Engagement", w.engagement),
            "s": global_id("Service", w.service),
            "d": date.today().isoformat(),
        },
    )
    connection.set_tenant(partner_a)
    assert data["data"]["deliveryCreate"]["errors"][0]["code"] == "NOT_FOUND"


# --- accounts ---------------------------------------------------------------------------


USER_CREATE = f"""mutation($role: String!, $privileges: [String!]!) {{ userCreate(input: {{username: "new-person",
  fullName: "New Person", roleKey: $role, privileges: $privileges, delivery: "temporary_password"}})
  {{ user {{ id username role {{ key }} }} secret {ERRORS} }} }}"""


@pytest.fixture
def champion_token(in_partner_a):
    from tests.graphql_api.helpers import make_token

    return make_token(username="champion")


def test_user_create_obeys_the_delegation_rule(client_a, champion_token, token_a):
    before = User.objects.count()
    # A DSL has rights the champion lacks.
    data = gql(client_a, USER_CREATE, {"role": "dsl", "privileges": []}, token=champion_token)[1]
    assert data["data"]["userCreate"]["errors"] == [
        {
            "field": "role",
            "message": "You can only give roles that have no more rights than your own.",
            "code": "REFUSED",
        }
    ]
    data = gql(
        client_a, USER_CREATE, {"role": "practitioner", "privileges": ["fly"]}, token=champion_token
    )[1]
    assert data["data"]["userCreate"]["errors"][0]["field"] == "privileges"
    # The integrator does not manage users at all.
    data = gql(client_a, USER_CREATE, {"role": "practitioner", "privileges": []}, token=token_a)[1]
    assert data["data"]["userCreate"]["errors"][0]["code"] == "REFUSED"
    assert User.objects.count() == before
    data = gql(
        client_a,
        USER_CREATE,
        {"role": "practitioner", "privileges": ["change_own_password"]},
        token=champion_token,
    )[1]
    payload = data["data"]["userCreate"]
    assert payload["errors"] == [] and payload["secret"]
    assert payload["user"]["role"]["key"] == "practitioner"
    assert AuditEntry.objects.filter(action="user.create", target_username="new-person").exists()


def test_user_update_and_deactivate_revoke_tokens(client_a, champion_token, token_a):
    integrator = User.objects.get(username="integrator")
    update = f"""mutation($id: ID!) {{ userUpdate(input: {{id: $id, fullName: "Reports feed",
      roleKey: "integrator", privileges: []}}) {{ user {{ fullName }} {ERRORS} }} }}"""
    payload = gql(client_a, update, {"id": global_id("User", integrator)}, token=champion_token)[1][
        "data"
    ]["userUpdate"]
    assert payload == {"user": {"fullName": "Reports feed"}, "errors": []}
    deactivate = (
        f"""mutation($id: ID!) {{ userDeactivate(id: $id) {{ user {{ isActive }} {ERRORS} }} }}"""
    )
    payload = gql(
        client_a, deactivate, {"id": global_id("User", integrator)}, token=champion_token
    )[1]["data"]["userDeactivate"]
    assert payload == {"user": {"isActive": False}, "errors": []}
    assert gql(client_a, "{ me { username } }", token=token_a)[0] == 401


def test_api_token_create_and_revoke_by_mutation(client_a, champion_token):
    from django.utils import timezone

    integrator = User.objects.get(username="integrator")
    create = f"""mutation($u: ID!, $x: DateTime!) {{ apiTokenCreate(input: {{userId: $u, name: "Feed",
      scope: "read", expiresAt: $x}}) {{ token {{ id name scope prefix }} secret {ERRORS} }} }}"""
    payload = gql(
        client_a,
        create,
        {"u": global_id("User", integrator), "x": (timezone.now() + timedelta(days=7)).isoformat()},
        token=champion_token,
    )[1]["data"]["apiTokenCreate"]
    assert payload["errors"] == [] and payload["secret"].startswith(
        f"cbt_{payload['token']['prefix']}_"
    )
    assert (
        gql(client_a, "{ me { username } }", token=payload["secret"])[1]["data"]["me"]["username"]
        == "integrator"
    )
    revoke = (
        f"""mutation($id: ID!) {{ apiTokenRevoke(id: $id) {{ token {{ revokedAt }} {ERRORS} }} }}"""
    )
    result = gql(client_a, revoke, {"id": payload["token"]["id"]}, token=champion_token)[1]
    assert result["data"]["apiTokenRevoke"]["token"]["revokedAt"]
    assert gql(client_a, "{ me { username } }", token=payload["secret"])[0] == 401
    past = gql(
        client_a,
        create,
        {"u": global_id("User", integrator), "x": "2020-01-01T00:00:00+00:00"},
        token=champion_token,
    )[1]["data"]["apiTokenCreate"]
    assert past["errors"][0]["field"] == "expiresAt"

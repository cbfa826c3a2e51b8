"""One input contract: text the database or the exports cannot take, over-long values and
cursors we never issued are the client's errors, named, with nothing saved — never an
internal error (issue 22)."""

import pytest
from django.core.exceptions import ValidationError

from casework.models import Contact, ContactKind
from casework.services.contacts import contact_create, contact_update
from tenants.input_rules import TEXT_LIMIT, text_problem
from tests.graphql_api.helpers import gql

pytestmark = pytest.mark.security

ERRORS = "errors { field message code }"
CREATE = f"""mutation($first: String!, $alerts: String) {{ contactCreate(input: {{kind: "adult",
  firstName: $first, lastName: "Stone", alerts: $alerts}}) {{ contact {{ id }} {ERRORS} }} }}"""


@pytest.mark.parametrize(
    "value",
    ["Ivy\x00", "Ivy\ud800", "Ivy\x1b[31m", "I\x7fvy"],
    ids=["nul", "lone-surrogate", "escape", "delete"],
)
def test_characters_that_cannot_be_stored_are_refused_before_anything_runs(
    client_a, token_a, value
):
    before = Contact.objects.count()
    status, data = gql(client_a, CREATE, {"first": value}, token=token_a)
    assert status == 200
    assert data["data"] is None
    (error,) = data["errors"]
    assert error["extensions"]["code"] == "INVALID_INPUT"
    assert error["message"].startswith("$first ")
    assert "Something went wrong" not in error["message"]
    assert Contact.objects.count() == before


def test_a_bad_character_written_in_the_query_itself_is_named_too(client_a, token_a):
    query = f"""mutation {{ contactCreate(input: {{kind: "adult", firstName: "Ivy\\u0000",
      lastName: "Stone"}}) {{ contact {{ id }} {ERRORS} }} }}"""
    before = Contact.objects.count()
    data = gql(client_a, query, token=token_a)[1]
    (error,) = data["errors"]
    assert error["extensions"]["code"] == "INVALID_INPUT"
    assert error["message"] == "input.firstName contains a null character, which is not allowed."
    assert Contact.objects.count() == before


def test_line_breaks_and_tabs_are_text_like_any_other(client_a, token_a):
    data = gql(client_a, CREATE, {"first": "Ivy", "alerts": "Nuts\n\tand eggs\r\n"}, token=token_a)
    payload = data[1]["data"]["contactCreate"]
    assert payload["errors"] == []
    assert Contact.objects.get(first_name="Ivy", last_name="Stone").alerts.startswith("Nuts\n\t")


def test_over_long_values_are_field_errors_and_nothing_is_saved(client_a, token_a):
    before = Contact.objects.count()
    payload = gql(client_a, CREATE, {"first": "I" * 101}, token=token_a)[1]["data"]["contactCreate"]
    assert payload["contact"] is None
    assert payload["errors"] == [
        {
            "field": "firstName",
            "message": "First name must be 100 characters or fewer (it has 101).",
            "code": "INVALID",
        }
    ]
    payload = gql(
        client_a, CREATE, {"first": "Ivy", "alerts": "x" * (TEXT_LIMIT + 1)}, token=token_a
    )[1]["data"]["contactCreate"]
    assert [e["field"] for e in payload["errors"]] == ["alerts"]
    assert Contact.objects.count() == before


def test_the_services_refuse_the_same_whoever_calls_them(in_partner_a):
    from tests.casework.screens import user_with

    actor = user_with("practitioner")
    with pytest.raises(ValidationError) as refused:
        contact_create(actor=actor, kind=ContactKind.ADULT, first_name="A\x00", last_name="B")
    assert set(refused.value.message_dict) == {"first_name"}
    contact = contact_create(actor=actor, kind=ContactKind.ADULT, first_name="A", last_name="B")
    with pytest.raises(ValidationError) as refused:
        contact_update(actor=actor, contact=contact, phone="0" * 41)
    assert "phone" in refused.value.message_dict
    contact.refresh_from_db()
    assert contact.phone == ""


def test_text_problem_names_each_kind_of_character():
    assert text_problem("plain text\nwith\ttabs") is None
    assert "null" in text_problem("a\x00")
    assert "surrogate" in text_problem("a\udfff")
    assert "control" in text_problem("a\x07")


@pytest.mark.parametrize("cursor", ["garbage", "Zm9vOmJhcg==", "YXJyYXljb25uZWN0aW9uOng=", "!!"])
def test_a_cursor_we_never_issued_is_the_clients_error(client_a, token_a, cursor):
    query = "query($after: String) { engagements(first: 2, after: $after) { totalCount } }"
    status, data = gql(client_a, query, {"after": cursor}, token=token_a)
    assert status == 200
    (error,) = data["errors"]
    assert error["extensions"]["code"] == "INVALID_CURSOR"
    assert "`after`" in error["message"]


def test_a_real_cursor_still_pages(client_a, token_a, world):
    query = """query($after: String) { contacts(first: 1, after: $after) {
      pageInfo { endCursor hasNextPage } edges { node { id } } } }"""
    answer = gql(client_a, query, token=token_a)[1]
    assert "errors" not in answer, answer
    first = answer["data"]["contacts"]
    assert first["pageInfo"]["hasNextPage"]
    second = gql(client_a, query, {"after": first["pageInfo"]["endCursor"]}, token=token_a)[1]
    assert "errors" not in second
    assert second["data"]["contacts"]["edges"][0]["node"]["id"] != first["edges"][0]["node"]["id"]


def test_a_group_session_of_only_anonymous_attendees_needs_a_row(client_a, token_a, world):
    """It used to fail inside the service (IndexError) with a masked internal error."""
    from casework.models import GroupSession, ServiceDelivery

    query = f"""mutation($rows: [BulkDeliveryRow!]!) {{ deliveriesBulkCreate(input: {{rows: $rows,
      anonymousAttendees: 3}}) {{ deliveries {{ id }} {ERRORS} }} }}"""
    sessions, deliveries = GroupSession.objects.count(), ServiceDelivery.objects.count()
    payload = gql(client_a, query, {"rows": []}, token=token_a)[1]["data"]["deliveriesBulkCreate"]
    assert payload["errors"] == [
        {
            "field": "rows.0.service",
            "message": "Choose the group session's service and date, or add a row.",
            "code": "INVALID",
        }
    ]
    assert (GroupSession.objects.count(), ServiceDelivery.objects.count()) == (sessions, deliveries)


def test_a_group_sessions_rows_keep_the_text_rules_too(client_a, token_a, world):
    from datetime import date

    from casework.models import GroupSession, ServiceDelivery
    from tests.graphql_api.helpers import global_id

    query = f"""mutation($rows: [BulkDeliveryRow!]!) {{ deliveriesBulkCreate(input: {{rows: $rows,
      anonymousAttendees: 2}}) {{ deliveries {{ id }} {ERRORS} }} }}"""
    row = {
        "engagementId": global_id("Engagement", world.engagement),
        "serviceId": global_id("Service", world.service),
        "date": date.today().isoformat(),
        "summary": "x" * (TEXT_LIMIT + 1),
    }
    sessions, deliveries = GroupSession.objects.count(), ServiceDelivery.objects.count()
    payload = gql(client_a, query, {"rows": [row]}, token=token_a)[1]["data"][
        "deliveriesBulkCreate"
    ]
    assert [e["field"] for e in payload["errors"]] == ["rows.0.summary"]
    assert (GroupSession.objects.count(), ServiceDelivery.objects.count()) == (sessions, deliveries)

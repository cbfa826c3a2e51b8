"""Who may see and record what of an employment support journey, by node(id:), by the
lists and nested under a visible parent: the provider's advisers and managers work its
appointments and checklist; the borough's referring staff read the steps on their
customer's journey and refer; nobody else at either partner sees any of it."""

from datetime import time

import pytest

from customers.models import Appointment, OutcomeStep
from customers.services.appointments import appointment_book
from customers.services.outcomes import outcome_step_record
from tests.casework.screens import user_with
from tests.customers.journey import TODAY, a_customer, inside, received_copy, refer
from tests.graphql_api.helpers import global_id, nodes, run

pytestmark = pytest.mark.security

Y, N = True, False
ERRORS = "errors { field message code }"


@pytest.fixture
def journey(people, partner_c):
    w = people
    w.kappa = partner_c
    w.customer = a_customer(w.officer)
    w.sent = refer(w.officer, w.customer, partner_c)
    with inside(partner_c):
        w.adviser = user_with("adviser")
        received = received_copy(partner_c, w.sent)
        w.appointment = appointment_book(
            actor=w.adviser,
            referral=received,
            on=TODAY,
            at=time(9, 0),
            adviser=w.adviser,
            place="Library",
        )
        w.step = outcome_step_record(
            actor=w.adviser,
            referral=received,
            kind="intervention",
            on=TODAY,
            details={"intervention": "cv"},
        )
    return w


PROVIDER_ROLES = {"adviser": Y, "provider-manager": Y, "champion": Y, "integrator": N, "editor": N}
BOROUGH_ROLES = {"housing-officer": Y, "champion": Y, "integrator": N, "editor": N}


def _node(user, gid):
    result = run(user, "query($id: ID!) { node(id: $id) { id } }", {"id": gid})
    assert result.errors is None, result.errors
    return result.data["node"]


@pytest.mark.parametrize("role", list(PROVIDER_ROLES))
def test_at_the_provider(journey, role):
    w = journey
    visible = PROVIDER_ROLES[role]
    appointment_id = global_id("Appointment", w.appointment)
    step_id = global_id("OutcomeStep", w.step)
    referral_id = global_id("Referral", w.sent)
    with inside(w.kappa):
        user = user_with(role)
        assert (_node(user, appointment_id) is not None) is visible
        assert (_node(user, step_id) is not None) is visible
        listed = run(user, "{ appointments(first: 100) { edges { node { id } } } }").data
        ids = {e["node"]["id"] for e in listed["appointments"]["edges"]}
        assert (appointment_id in ids) is visible
        # Nested under the referral (which the integrator's casework rights do show).
        nested = run(
            user,
            """query($id: ID!) { node(id: $id) { ... on Referral {
              appointments { edges { node { id } } }
              outcomeSteps { edges { node { id } } } } } }""",
            {"id": referral_id},
        ).data["node"]
        if nested is not None:
            assert (nodes(nested["appointments"]) == [{"id": appointment_id}]) is visible
            assert (nodes(nested["outcomeSteps"]) == [{"id": step_id}]) is visible
        else:
            assert not visible

        status = run(
            user,
            f"""mutation($a: ID!) {{ appointmentRecordStatus(input: {{appointmentId: $a,
            status: "attended"}}) {{ appointment {{ status }} {ERRORS} }} }}""",
            {"a": appointment_id},
        ).data["appointmentRecordStatus"]
        step = run(
            user,
            f"""mutation($r: ID!) {{ outcomeStepRecord(input: {{referralId: $r,
            kind: "training_started", on: "{TODAY}", course: "Forklift"}})
            {{ outcomeStep {{ kind }} {ERRORS} }} }}""",
            {"r": referral_id},
        ).data["outcomeStepRecord"]
        if visible:
            assert status["errors"] == [] and status["appointment"]["status"] == "attended"
            assert step["errors"] == [] and step["outcomeStep"]["kind"] == "training_started"
        else:
            assert [e["code"] for e in status["errors"]] == ["NOT_FOUND"]
            assert [e["code"] for e in step["errors"]] == ["NOT_FOUND"]
            assert Appointment.objects.get().status == "booked"
            assert OutcomeStep.objects.count() == 1


@pytest.mark.parametrize("role", list(BOROUGH_ROLES))
def test_at_the_borough(journey, role):
    w = journey
    visible = BOROUGH_ROLES[role]
    user = user_with(role)
    step_id = global_id("OutcomeStep", w.step)
    assert (_node(user, step_id) is not None) is visible
    customer = run(
        user,
        """query($id: ID!) { node(id: $id) { ... on Customer {
          journey(first: 10) { edges { node { referral { id
            outcomeSteps(first: 10) { edges { node { id } } }
            appointments(first: 10) { edges { node { id } } } } } } } } } }""",
        {"id": global_id("Customer", w.customer)},
    ).data["node"]
    if visible:
        [leg] = nodes(customer["journey"])
        assert nodes(leg["referral"]["outcomeSteps"]) == [{"id": step_id}]
        assert nodes(leg["referral"]["appointments"]) == []  # the provider's, never here
    else:
        assert customer is None
    # Nobody at the borough books or records, not even on their own copy.
    appointment_id = global_id("Appointment", w.appointment)
    referral_id = global_id("Referral", w.sent)
    for mutation, argument, gid in (
        ("appointmentRecordStatus", 'appointmentId: $id, status: "attended"', appointment_id),
        (
            "outcomeStepRecord",
            f'referralId: $id, kind: "first_attended", on: "{TODAY}"',
            referral_id,
        ),
        (
            "appointmentBook",
            f'referralId: $id, on: "{TODAY}", at: "10:00", place: "X"',
            referral_id,
        ),
    ):
        payload = run(
            user,
            f"mutation($id: ID!) {{ {mutation}(input: {{{argument}}}) {{ {ERRORS} }} }}",
            {"id": gid},
        ).data[mutation]
        assert [e["code"] for e in payload["errors"]] == ["NOT_FOUND"], (mutation, payload)
    referred = run(
        user,
        f"""mutation($c: ID!) {{ customerRefer(input: {{customerId: $c, provider: "kappa",
        supportWanted: "Wants work", agreedOn: "{TODAY}"}}) {{ referral {{ id }} {ERRORS} }} }}""",
        {"c": global_id("Customer", w.customer)},
    ).data["customerRefer"]
    if visible:
        assert referred["errors"] == [] and referred["referral"]["id"]
    else:
        assert [e["code"] for e in referred["errors"]] == ["NOT_FOUND"]
    assert OutcomeStep.objects.count() == 1


def test_a_token_for_an_api_role_with_adviser_rights(journey):
    """The integrator role has no journey rights; a champion gives an API account the
    adviser's by a role of the partner's own, and its token then works the journey over
    HTTP (a read token still records nothing)."""
    from django.test import Client

    from tenants.accounts import capabilities as cap
    from tenants.accounts.models import User
    from tenants.accounts.services.roles import role_create
    from tests.graphql_api.helpers import gql, make_token
    from tests.partners import domain_of

    w = journey
    query = f"""mutation($r: ID!) {{ outcomeStepRecord(input: {{referralId: $r,
        kind: "first_attended", on: "{TODAY}"}}) {{ outcomeStep {{ kind }} {ERRORS} }} }}"""
    variables = {"r": global_id("Referral", w.sent)}
    with inside(w.kappa):
        client = Client(HTTP_HOST=domain_of(w.kappa))
        refused = gql(client, query, variables, token=make_token(username="integrator"))[1]
        assert [e["code"] for e in refused["data"]["outcomeStepRecord"]["errors"]] == ["NOT_FOUND"]
        role = role_create(
            actor=User.objects.get(username="champion"),
            partner=w.kappa,
            name="Outcomes API",
            permissions={cap.USE_API, cap.RECORD_CASEWORK, cap.RECORD_OUTCOMES},
        )
        User.objects.create(username="outcomes-api", full_name="Outcomes system", role=role)
        User.objects.get(username="outcomes-api").groups.set([role.group])
        read = gql(
            client, query, variables, token=make_token(username="outcomes-api", scope="read")
        )
        assert read[1]["errors"][0]["extensions"]["code"] == "READ_ONLY"
        assert OutcomeStep.objects.count() == 1
        status, done = gql(client, query, variables, token=make_token(username="outcomes-api"))
        assert status == 200 and done["data"]["outcomeStepRecord"]["errors"] == []
        assert OutcomeStep.objects.count() == 2
    # The borough's copy has the step too, by the API account's name.
    assert w.sent.outcome_steps.get(kind="first_attended").recorded_by_name == "Outcomes system"

"""Shared pieces of the employment API's tests: the operations and helpers (their
fixtures, kappa, customer and booked, are in conftest.py)."""

from tests.customers.journey import TODAY, inside
from tests.graphql_api.helpers import global_id, run

ERRORS = "errors { field message code }"
REFER = f"""mutation($input: CustomerReferInput!) {{ customerRefer(input: $input)
  {{ referral {{ id status otherPartnerName appointments {{ edges {{ node {{ id }} }} }} }} {ERRORS} }} }}"""
BOOK = f"""mutation($input: AppointmentBookInput!) {{ appointmentBook(input: $input)
  {{ appointment {{ id direct on at adviserName place status bookedByName
     referral {{ id }} }} {ERRORS} }} }}"""
STATUS = f"""mutation($input: AppointmentStatusInput!) {{ appointmentRecordStatus(input: $input)
  {{ appointment {{ id status cancelledBy statusRecordedByName
     rescheduledTo {{ id on at status }} }} {ERRORS} }} }}"""
STEP = f"""mutation($input: OutcomeStepInput!) {{ outcomeStepRecord(input: $input)
  {{ outcomeStep {{ id kind kindLabel on details summary recordedByName }} {ERRORS} }} }}"""
JOURNEY = """query($id: ID!) { node(id: $id) { ... on Customer { firstName journey(first: 10) { edges {
  node { referral { id status otherPartnerName appointments(first: 10) { edges { node { id } } }
    outcomeSteps(first: 20) { edges { node { id kind on details summary recordedByName } } }
    events(first: 50) { edges { node { action partnerName detail } } } } } } } } } }"""
RECEIVED = """query($id: ID!) { node(id: $id) { ... on Referral { id direction payload
  appointments { edges { node { id direct on adviserName status } } }
  outcomeSteps { edges { node { id kind on } } } } } }"""
NODE = "query($id: ID!) { node(id: $id) { id } }"


def data_of(result, field):
    assert result.errors is None, result.errors
    return result.data[field]


def fields(payload):
    return [(e["field"], e["code"]) for e in payload["errors"]]


def refer_by_api(officer, customer, **extra):
    request = {
        "customerId": global_id("Customer", customer),
        "provider": "kappa",
        "supportWanted": "Wants work in retail",
        "agreedOn": str(TODAY),
    } | extra
    return data_of(run(officer, REFER, {"input": request}), "customerRefer")


def status(adviser, kappa, appointment_id, **values):
    with inside(kappa):
        result = run(adviser, STATUS, {"input": {"appointmentId": appointment_id, **values}})
        return data_of(result, "appointmentRecordStatus")


def step(adviser, kappa, referral_id, **values):
    with inside(kappa):
        result = run(
            adviser,
            STEP,
            {"input": {"referralId": referral_id, "on": str(TODAY), **values}},
        )
        return data_of(result, "outcomeStepRecord")

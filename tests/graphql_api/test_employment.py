"""Employment support referrals through GraphQL: the officer refers (a request or a direct
booking), the provider's adviser books, records the day's status and the checklist, and
the officer reads the steps on the customer's journey, nothing else of the provider's.
Bad transitions come back as field errors and change nothing."""

from datetime import timedelta

import pytest

from customers.models import Appointment, OutcomeStep
from referrals.models import Referral
from tests.casework.screens import new_child, user_with
from tests.customers.journey import TODAY, a_customer, adviser_at, inside, refer
from tests.graphql_api.conftest import global_id, run

ERRORS = "errors { field message code }"
REFER = f"""mutation($input: CustomerReferInput!) {{ customerRefer(input: $input)
  {{ referral {{ id status otherPartnerName appointments {{ id }} }} {ERRORS} }} }}"""
BOOK = f"""mutation($input: AppointmentBookInput!) {{ appointmentBook(input: $input)
  {{ appointment {{ id direct on at adviserName place status bookedByName
     referral {{ id }} }} {ERRORS} }} }}"""
STATUS = f"""mutation($input: AppointmentStatusInput!) {{ appointmentRecordStatus(input: $input)
  {{ appointment {{ id status cancelledBy statusRecordedByName
     rescheduledTo {{ id on at status }} }} {ERRORS} }} }}"""
STEP = f"""mutation($input: OutcomeStepInput!) {{ outcomeStepRecord(input: $input)
  {{ outcomeStep {{ id kind kindLabel on details summary recordedByName }} {ERRORS} }} }}"""
JOURNEY = """query($id: ID!) { node(id: $id) { ... on Customer { firstName journey {
  referral { id status otherPartnerName appointments { id }
    outcomeSteps { id kind on details summary recordedByName }
    events { action partnerName detail } } } } } }"""
RECEIVED = """query($id: ID!) { node(id: $id) { ... on Referral { id direction payload
  appointments { id direct on adviserName status }
  outcomeSteps { id kind on } } } }"""
NODE = "query($id: ID!) { node(id: $id) { id } }"


def data_of(result, field):
    assert result.errors is None, result.errors
    return result.data[field]


def fields(payload):
    return [(e["field"], e["code"]) for e in payload["errors"]]


@pytest.fixture
def kappa(partner_c):
    return partner_c


@pytest.fixture
def customer(people):
    return a_customer(people.officer)


def refer_by_api(officer, customer, **extra):
    request = {
        "customerId": global_id("Customer", customer),
        "provider": "kappa",
        "supportWanted": "Wants work in retail",
        "agreedOn": str(TODAY),
    } | extra
    return data_of(run(officer, REFER, {"input": request}), "customerRefer")


def test_a_request_booked_attended_and_stepped_reaches_the_officers_journey(
    people, kappa, customer
):
    offered = run(
        people.officer,
        "query($id: ID!) { employmentProviders(customerId: $id) { slug name } }",
        {"id": global_id("Customer", customer)},
    )
    assert {"slug": "kappa", "name": kappa.name} in data_of(offered, "employmentProviders")

    sent = refer_by_api(people.officer, customer)
    assert sent["errors"] == [] and sent["referral"]["status"] == "sent"
    assert sent["referral"]["otherPartnerName"] == kappa.name
    referral_id = sent["referral"]["id"]

    with inside(kappa):
        adviser = user_with("adviser")
        advisers = data_of(run(adviser, "{ advisers { id fullName } }"), "advisers")
        mine = next(a for a in advisers if a["fullName"] == adviser.get_full_name())
        assert mine["id"] == global_id("User", adviser)
        booked = data_of(
            run(
                adviser,
                BOOK,
                {
                    "input": {
                        "referralId": referral_id,
                        "on": str(TODAY),
                        "at": "09:30",
                        "adviserId": mine["id"],
                        "place": "Library",
                    }
                },
            ),
            "appointmentBook",
        )
        assert booked["errors"] == []
        appointment = booked["appointment"]
        assert (appointment["direct"], appointment["status"], appointment["at"]) == (
            False,
            "booked",
            "09:30:00",
        )
        assert appointment["adviserName"] == adviser.get_full_name()
        assert appointment["referral"]["id"] == referral_id
        attended = data_of(
            run(
                adviser,
                STATUS,
                {"input": {"appointmentId": appointment["id"], "status": "attended"}},
            ),
            "appointmentRecordStatus",
        )
        assert attended["errors"] == [] and attended["appointment"]["status"] == "attended"
        step = data_of(
            run(
                adviser,
                STEP,
                {
                    "input": {
                        "referralId": referral_id,
                        "kind": "training_started",
                        "on": str(TODAY),
                        "course": "Retail skills",
                    }
                },
            ),
            "outcomeStepRecord",
        )
        assert step["errors"] == []
        assert step["outcomeStep"]["details"] == {"course": "Retail skills"}
        assert step["outcomeStep"]["kindLabel"] == "Training started"
        received = data_of(run(adviser, RECEIVED, {"id": referral_id}), "node")
        assert received["direction"] == "received"
        assert [a["status"] for a in received["appointments"]] == ["attended"]
        provider_steps = {s["id"]: s["kind"] for s in received["outcomeSteps"]}
        assert set(provider_steps.values()) == {"first_attended", "training_started"}

    journey = data_of(run(people.officer, JOURNEY, {"id": global_id("Customer", customer)}), "node")
    [leg] = journey["journey"]
    assert leg["referral"]["id"] == referral_id
    # The officer's copy carries the same steps under the same ids...
    steps = leg["referral"]["outcomeSteps"]
    assert {s["id"]: s["kind"] for s in steps} == provider_steps
    assert next(s for s in steps if s["kind"] == "training_started")["summary"] == (
        f"Training started: Retail skills ({TODAY:%d/%m/%Y})"
    )
    assert all(s["recordedByName"] == adviser.get_full_name() for s in steps)
    # ...and the appointment as events of its own copy, never the provider's record.
    actions = [e["action"] for e in leg["referral"]["events"]]
    assert {"sent", "appointment booked", "attended appointment", "outcome step"} <= set(actions)
    assert leg["referral"]["appointments"] == []
    assert data_of(run(people.officer, NODE, {"id": appointment["id"]}), "node") is None
    for step_id in provider_steps:
        assert data_of(run(people.officer, NODE, {"id": step_id}), "node") == {"id": step_id}


def test_a_direct_booking_reaches_the_provider_with_its_appointment(people, kappa, customer):
    when = TODAY + timedelta(days=3)
    sent = refer_by_api(
        people.officer,
        customer,
        directBooking={
            "appointmentDate": str(when),
            "appointmentTime": "14:15",
            "adviser": "Ash Adviser",
            "place": "Job hub",
        },
    )
    assert sent["errors"] == []
    with inside(kappa):
        adviser = user_with("adviser")
        received = data_of(run(adviser, RECEIVED, {"id": sent["referral"]["id"]}), "node")
        [appointment] = received["appointments"]
        assert appointment | {"id": None} == {
            "id": None,
            "direct": True,
            "on": str(when),
            "adviserName": "Ash Adviser",
            "status": "booked",
        }
        listed = data_of(
            run(adviser, "{ appointments(first: 10, filters: {direct: true}) { totalCount } }"),
            "appointments",
        )
        assert listed["totalCount"] == 1


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"provider": "beta"}, [("provider", "INVALID")]),
        (
            {"supportWanted": "", "agreedOn": None},
            [("supportWanted", "INVALID"), ("agreedOn", "INVALID")],
        ),
        (
            {"directBooking": {"appointmentDate": str(TODAY), "adviser": "A", "place": "B"}},
            [("directBooking.appointmentTime", "INVALID")],
        ),
        (
            {
                "directBooking": {
                    "appointmentDate": str(TODAY - timedelta(days=1)),
                    "appointmentTime": "10:00",
                    "adviser": "",
                    "place": "Hub",
                }
            },
            [("directBooking.appointmentDate", "INVALID"), ("directBooking.adviser", "INVALID")],
        ),
    ],
)
def test_a_bad_referral_names_its_fields_and_sends_nothing(
    people, kappa, customer, extra, expected
):
    payload = refer_by_api(people.officer, customer, **extra)
    assert payload["referral"] is None
    assert sorted(fields(payload)) == sorted(expected)
    assert not Referral.objects.exists()
    with inside(kappa):
        assert not Referral.objects.filter(referral_type="employment-support").exists()


@pytest.fixture
def booked(people, kappa, customer):
    """A request the provider booked in two days' time: (adviser, sent copy, appointment id)."""
    sent = refer(people.officer, customer, kappa)
    adviser = adviser_at(kappa)
    with inside(kappa):
        result = run(
            adviser,
            BOOK,
            {
                "input": {
                    "referralId": global_id("Referral", sent),
                    "on": str(TODAY + timedelta(days=2)),
                    "at": "10:00",
                    "adviserId": global_id("User", adviser),
                    "place": "Library",
                }
            },
        )
    return adviser, sent, data_of(result, "appointmentBook")["appointment"]["id"]


def status(adviser, kappa, appointment_id, **values):
    with inside(kappa):
        result = run(adviser, STATUS, {"input": {"appointmentId": appointment_id, **values}})
        return data_of(result, "appointmentRecordStatus")


def test_bad_bookings_name_their_fields(people, kappa, customer):
    sent = refer(people.officer, customer, kappa)
    adviser = adviser_at(kappa)
    with inside(kappa):
        payload = data_of(
            run(
                adviser,
                BOOK,
                {
                    "input": {
                        "referralId": global_id("Referral", sent),
                        "on": str(TODAY - timedelta(days=1)),
                        "place": " ",
                    }
                },
            ),
            "appointmentBook",
        )
        assert sorted(fields(payload)) == [
            ("adviserId", "INVALID"),
            ("at", "INVALID"),
            ("on", "INVALID"),
            ("place", "INVALID"),
        ]
        # An account that is no adviser cannot be named.
        editor = user_with("editor")
        payload = data_of(
            run(
                adviser,
                BOOK,
                {
                    "input": {
                        "referralId": global_id("Referral", sent),
                        "on": str(TODAY),
                        "at": "10:00",
                        "adviserId": global_id("User", editor),
                        "place": "Library",
                    }
                },
            ),
            "appointmentBook",
        )
        assert fields(payload) == [("adviserId", "NOT_FOUND")]
        assert not Appointment.objects.exists()


def test_attended_before_the_appointment_date_is_refused(people, kappa, booked):
    adviser, sent, appointment_id = booked
    for value in ("attended", "did_not_attend"):
        payload = status(adviser, kappa, appointment_id, status=value)
        assert fields(payload) == [("status", "INVALID")]
        assert "before then" in payload["errors"][0]["message"]
    with inside(kappa):
        assert Appointment.objects.get().status == "booked"
        assert not OutcomeStep.objects.exists()
    assert sent.events.filter(action="attended appointment").count() == 0


def test_cancelled_needs_who_and_then_nothing_more(people, kappa, booked):
    adviser, sent, appointment_id = booked
    payload = status(adviser, kappa, appointment_id, status="cancelled")
    assert fields(payload) == [("cancelledBy", "INVALID")]
    payload = status(adviser, kappa, appointment_id, status="cancelled", cancelledBy="customer")
    assert payload["errors"] == []
    assert (payload["appointment"]["status"], payload["appointment"]["cancelledBy"]) == (
        "cancelled",
        "customer",
    )
    assert payload["appointment"]["statusRecordedByName"] == adviser.get_full_name()
    again = status(adviser, kappa, appointment_id, status="rescheduled", newOn=str(TODAY))
    assert fields(again) == [("status", "INVALID")]
    assert "is cancelled" in again["errors"][0]["message"]
    with inside(kappa):
        assert Appointment.objects.count() == 1
    assert sent.events.filter(action="appointment cancelled").count() == 1


def test_rescheduling_needs_the_new_date_and_books_it(people, kappa, booked):
    adviser, sent, appointment_id = booked
    payload = status(adviser, kappa, appointment_id, status="rescheduled")
    assert fields(payload) == [("newOn", "INVALID")]
    payload = status(adviser, kappa, appointment_id, status="nonsense")
    assert fields(payload) == [("status", "INVALID")]
    new_on = TODAY + timedelta(days=9)
    payload = status(adviser, kappa, appointment_id, status="rescheduled", newOn=str(new_on))
    assert payload["errors"] == []
    moved = payload["appointment"]["rescheduledTo"]
    assert (moved["on"], moved["at"], moved["status"]) == (str(new_on), "10:00:00", "booked")
    with inside(kappa):
        assert Appointment.objects.count() == 2


def step(adviser, kappa, referral_id, **values):
    with inside(kappa):
        result = run(
            adviser,
            STEP,
            {"input": {"referralId": referral_id, "on": str(TODAY), **values}},
        )
        return data_of(result, "outcomeStepRecord")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"kind": "promotion"}, [("kind", "INVALID")]),
        ({"kind": "intervention"}, [("intervention", "INVALID")]),
        ({"kind": "training_started"}, [("course", "INVALID")]),
        ({"kind": "training_completed", "course": "Forklift"}, [("course", "INVALID")]),
        ({"kind": "qualification", "qualification": "NVQ"}, [("level", "INVALID")]),
        (
            {"kind": "employment", "hours": 0, "employmentType": "gig"},
            [("hours", "INVALID"), ("employmentType", "INVALID")],
        ),
        ({"kind": "sustained_13"}, [("kind", "INVALID")]),
        (
            {"kind": "first_attended", "on": str(TODAY + timedelta(days=1))},
            [("on", "INVALID")],
        ),
    ],
)
def test_bad_checklist_steps_name_their_fields(people, kappa, booked, values, expected):
    adviser, sent, _ = booked
    payload = step(adviser, kappa, global_id("Referral", sent), **values)
    assert payload["outcomeStep"] is None
    assert sorted(fields(payload)) == sorted(expected)
    assert not OutcomeStep.objects.exists()
    with inside(kappa):
        assert not OutcomeStep.objects.exists()


def test_each_kind_of_step_with_its_fields(people, kappa, booked):
    adviser, sent, _ = booked
    referral_id = global_id("Referral", sent)
    job_on = TODAY - timedelta(weeks=27)
    for values, details in [
        ({"kind": "first_attended", "on": str(job_on)}, {}),
        ({"kind": "intervention", "intervention": "cv", "note": "Two pages"}, None),
        ({"kind": "training_started", "course": "Forklift", "on": str(job_on)}, None),
        ({"kind": "training_completed", "course": "Forklift", "on": str(job_on)}, None),
        ({"kind": "qualification", "qualification": "Forklift", "level": "Level 2"}, None),
        (
            {"kind": "employment", "hours": 30, "employmentType": "part_time", "on": str(job_on)},
            {"hours": 30, "employment_type": "part_time"},
        ),
        ({"kind": "sustained_13"}, {}),
        ({"kind": "sustained_26"}, {}),
    ]:
        payload = step(adviser, kappa, referral_id, **values)
        assert payload["errors"] == [], values
        if details is not None:
            assert payload["outcomeStep"]["details"] == details
    again = step(adviser, kappa, referral_id, kind="sustained_26")
    assert fields(again) == [("kind", "INVALID")]
    assert OutcomeStep.objects.count() == 8  # every step on the officer's copy too


def test_nothing_is_recorded_on_an_ended_referral(people, kappa, booked):
    from referrals.services.exchange import referral_withdraw

    adviser, sent, appointment_id = booked
    referral_withdraw(actor=people.officer, referral=sent, reason="Moved away")
    payload = step(adviser, kappa, global_id("Referral", sent), kind="first_attended")
    assert fields(payload) == [("referralId", "INVALID")]
    payload = status(adviser, kappa, appointment_id, status="cancelled", cancelledBy="borough")
    assert fields(payload) == [("appointmentId", "INVALID")]
    with inside(kappa):
        assert Appointment.objects.get().status == "booked"


def test_the_officer_reads_nothing_else_of_the_providers(people, kappa, booked):
    """The provider's own casework and appointments stay with it; the borough's customers
    stay with the borough."""
    adviser, sent, appointment_id = booked
    with inside(kappa):
        contact = new_child(adviser, first="Providerchild", last="Onlyhere")
        contact_id = global_id("Contact", contact)
    officer = people.officer
    for gid in (appointment_id, contact_id):
        assert data_of(run(officer, NODE, {"id": gid}), "node") is None
    assert data_of(run(officer, "{ appointments(first: 5) { totalCount } }"), "appointments") == {
        "totalCount": 0
    }
    mine = data_of(run(officer, RECEIVED, {"id": global_id("Referral", sent)}), "node")
    assert mine["direction"] == "sent" and mine["appointments"] == []
    assert "Providerchild" not in str(
        run(officer, "{ contacts(first: 50) { edges { node { firstName } } } }").data
    )
    customer_id = global_id("Customer", sent.customer_link.customer)
    with inside(kappa):
        assert data_of(run(adviser, NODE, {"id": customer_id}), "node") is None
        assert data_of(run(adviser, "{ customers(first: 5) { totalCount } }"), "customers") == {
            "totalCount": 0
        }
        assert (
            data_of(
                run(
                    adviser,
                    "query($id: ID!) { employmentProviders(customerId: $id) { slug } }",
                    {"id": customer_id},
                ),
                "employmentProviders",
            )
            == []
        )

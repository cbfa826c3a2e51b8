"""Employment support referrals through GraphQL: the officer refers (a request or a direct
booking), the provider's adviser books, records the day's status and the checklist, and
the officer reads the steps on the customer's journey, nothing else of the provider's."""

from datetime import timedelta

import pytest

from referrals.models import Referral
from tests.casework.screens import new_child, user_with
from tests.customers.journey import TODAY, inside
from tests.graphql_api.employment import (
    BOOK,
    JOURNEY,
    NODE,
    RECEIVED,
    STATUS,
    STEP,
    data_of,
    fields,
    refer_by_api,
)
from tests.graphql_api.helpers import global_id, nodes, run


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
        assert [a["status"] for a in nodes(received["appointments"])] == ["attended"]
        provider_steps = {s["id"]: s["kind"] for s in nodes(received["outcomeSteps"])}
        assert set(provider_steps.values()) == {"first_attended", "training_started"}

    journey = data_of(run(people.officer, JOURNEY, {"id": global_id("Customer", customer)}), "node")
    [leg] = nodes(journey["journey"])
    assert leg["referral"]["id"] == referral_id
    # The officer's copy carries the same steps under the same ids...
    steps = nodes(leg["referral"]["outcomeSteps"])
    assert {s["id"]: s["kind"] for s in steps} == provider_steps
    assert next(s for s in steps if s["kind"] == "training_started")["summary"] == (
        f"Training started: Retail skills ({TODAY:%d/%m/%Y})"
    )
    assert all(s["recordedByName"] == adviser.get_full_name() for s in steps)
    # ...and the appointment as events of its own copy, never the provider's record.
    actions = [e["action"] for e in nodes(leg["referral"]["events"])]
    assert {"sent", "appointment booked", "attended appointment", "outcome step"} <= set(actions)
    assert nodes(leg["referral"]["appointments"]) == []
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
        [appointment] = nodes(received["appointments"])
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
    assert mine["direction"] == "sent" and nodes(mine["appointments"]) == []
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

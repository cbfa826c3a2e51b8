"""The day's status and the outcome checklist through GraphQL: bad bookings, bad
transitions (attended before the appointment date, anything on a cancelled appointment)
and bad steps come back as field errors and change nothing, on either copy."""

from datetime import timedelta

import pytest

from customers.models import Appointment, OutcomeStep
from tests.casework.screens import user_with
from tests.customers.journey import TODAY, adviser_at, inside, refer
from tests.graphql_api.employment import (
    BOOK,
    data_of,
    fields,
    status,
    step,
)
from tests.graphql_api.helpers import global_id, run


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

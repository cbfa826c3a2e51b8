"""Correcting an appointment before the day (date, time, adviser, place): at the
provider, through appointment_update; refused on or after the day with a message and
nothing changed; the borough sees the change as an event on its copy; the provider's
History keeps old → new with the reason."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError

from customers.models import Appointment, AppointmentEvent
from customers.policy import CustomersRefused
from customers.services.appointments import appointment_record_status, appointment_update
from tests.casework.screens import body
from tests.clients import signed_in
from tests.customers.journey import (
    TODAY,
    a_customer,
    adviser_at,
    appointment_booked,
    inside,
    refer,
)


@pytest.fixture
def sent(people, partner_c):
    return refer(people.officer, a_customer(people.officer), partner_c)


def change(actor, appointment, **overrides):
    values = {
        "on": TODAY + timedelta(days=5),
        "at": time(14, 15),
        "adviser": actor,
        "place": "Town hall",
    } | overrides
    return appointment_update(actor=actor, appointment=appointment, **values)


def test_before_the_day_the_adviser_moves_it_and_the_borough_sees(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    appointment = appointment_booked(partner_c, sent, adviser, days=2)
    with inside(partner_c):
        moved = change(adviser, appointment, reason="The resident starts a shift that day")
        moved.refresh_from_db()
        assert (moved.on, moved.at, moved.place) == (
            TODAY + timedelta(days=5),
            time(14, 15),
            "Town hall",
        )
        event = AppointmentEvent.objects.filter(pgh_obj=moved).order_by("-pgh_id").first()
        assert event.pgh_context["reason"] == "The resident starts a shift that day"
        assert event.pgh_context["user"] == adviser.pk
        assert (event.pgh_label, event.place) == ("update", "Town hall")
    seen = sent.events.get(action="appointment changed")
    when = TODAY + timedelta(days=5)
    assert seen.detail == f"Now {when:%d/%m/%Y} at 14:15 with {adviser.get_full_name()}, Town hall"
    assert "shift" not in seen.detail  # the provider's reason stays with the provider


def test_on_or_after_the_day_it_is_refused_and_nothing_changes(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    today = appointment_booked(partner_c, sent, adviser, days=0)
    with inside(partner_c):
        with pytest.raises(ValidationError) as refused:
            change(adviser, today)
        assert "cannot be changed on or after the day" in refused.value.message_dict["on"][0]
        assert Appointment.objects.get(pk=today.pk).place == "Library"
    assert not sent.events.filter(action="appointment changed").exists()


def test_a_recorded_appointment_cannot_be_changed(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    later = appointment_booked(partner_c, sent, adviser, days=3)
    with inside(partner_c):
        appointment_record_status(
            actor=adviser, appointment=later, status="cancelled", cancelled_by="customer"
        )
        with pytest.raises(ValidationError) as refused:
            change(adviser, later)
        assert "cancelled" in refused.value.message_dict["status"][0]


def test_bad_input_names_the_field(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    appointment = appointment_booked(partner_c, sent, adviser, days=2)
    with inside(partner_c):
        for overrides, field in [
            ({"on": TODAY - timedelta(days=1)}, "on"),
            ({"on": None}, "on"),
            ({"at": None}, "at"),
            ({"adviser": None}, "adviser"),
            ({"place": "  "}, "place"),
        ]:
            with pytest.raises(ValidationError) as refused:
                change(adviser, appointment, **overrides)
            assert field in refused.value.message_dict
        assert Appointment.objects.get(pk=appointment.pk).place == "Library"


def test_only_the_providers_advisers_change_appointments(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    appointment = appointment_booked(partner_c, sent, adviser, days=2)
    with inside(partner_c):
        from tests.casework.screens import user_with

        editor = user_with("editor")
        with pytest.raises(CustomersRefused):
            change(editor, appointment, adviser=adviser)


def test_the_change_screen(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    later = appointment_booked(partner_c, sent, adviser, days=2)
    today = appointment_booked(partner_c, sent, adviser, days=0)
    client = signed_in(partner_c, adviser)
    page = body(client.get(f"/employment/{later.referral.public_id}/"))
    assert f"/employment/appointments/{later.public_id}/change/" in page
    assert f"/employment/appointments/{today.public_id}/change/" not in page
    response = client.post(
        f"/employment/appointments/{today.public_id}/change/",
        {"on": "", "at": "10:00", "adviser": str(adviser.pk), "place": "Hub"},
    )
    assert response.status_code == 200 and "Enter the appointment date" in body(response)
    day = TODAY + timedelta(days=4)
    response = client.post(
        f"/employment/appointments/{today.public_id}/change/",
        {
            "on": f"{day.day}/{day.month}/{day.year}",
            "at": "10:00",
            "adviser": str(adviser.pk),
            "place": "Hub",
        },
    )
    assert "cannot be changed on or after the day" in body(response)
    response = client.post(
        f"/employment/appointments/{later.public_id}/change/",
        {
            "on": f"{day.day}/{day.month}/{day.year}",
            "at": "10:00",
            "adviser": str(adviser.pk),
            "place": "Hub",
        },
    )
    assert response.status_code == 302
    with inside(partner_c):
        assert Appointment.objects.get(pk=later.pk).on == day
    # The borough's officer has no such screen: the appointment is the provider's.
    officer = signed_in(people.borough, people.officer)
    assert officer.get(f"/employment/appointments/{later.public_id}/change/").status_code in (
        403,
        404,
    )

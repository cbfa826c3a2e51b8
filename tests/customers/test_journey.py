"""Borough-to-provider referrals through the exchange: both appointment paths, the day's
status and bad transitions, the outcome checklist copied back to the officer, and the
missing-status sweep."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from customers.models import (
    Appointment,
    AppointmentStatus,
    CustomerReferral,
    OutcomeStep,
    StepKind,
)
from customers.policy import CustomersRefused
from customers.selectors import customer_journey, providers_for
from customers.services.appointments import (
    appointment_book,
    appointment_record_status,
    appointments_flag_missing,
)
from customers.services.outcomes import outcome_step_record
from referrals.models import Referral, ReferralEvent
from tenants.accounts.models import AuditEntry
from tenants.models import DirectoryEntry
from tests.customers.journey import (
    TODAY,
    a_customer,
    adviser_at,
    appointment_booked,
    booking,
    inside,
    received_copy,
    refer,
)

S = AppointmentStatus


@pytest.fixture
def sent(people, partner_c):
    customer = a_customer(people.officer)
    return refer(people.officer, customer, partner_c)


def test_the_directory_offers_providers_for_the_customers_area(people, partner_c):
    near = a_customer(people.officer)
    assert partner_c in providers_for(customer=near)
    nowhere = a_customer(people.officer, first_name="Sky", postcode="")
    assert providers_for(customer=nowhere) == []
    # With its capacity: a waiting list is said; a closed provider is not offered.
    DirectoryEntry.objects.filter(partner=partner_c).update(wait_weeks=4)
    kappa = next(p for p in providers_for(customer=near) if p == partner_c)
    assert kappa.wait_words == "waiting list of about 4 weeks"
    DirectoryEntry.objects.filter(partner=partner_c).update(accepting=False)
    assert partner_c not in providers_for(customer=near)


def test_a_request_sends_only_the_minimised_details(people, partner_c, sent):
    assert CustomerReferral.objects.get(referral=sent).customer.first_name == "Jordan"
    assert sent.contact is None and sent.basis == f"Consent given on {TODAY:%d/%m/%Y}"
    received = received_copy(partner_c, sent)
    assert received.payload == {
        "person": {
            "first_name": "Jordan",
            "last_name": "Okafor",
            "phone": "07700 900777",
            "postcode_district": "SW1A",
            "region": "london",
        },
        "details": {"support_wanted": "Wants work in retail"},
    }
    with inside(partner_c):
        assert not Appointment.objects.exists()


def test_the_date_they_agreed_is_required(people, partner_c):
    from customers.services.referring import customer_refer

    customer = a_customer(people.officer)
    with pytest.raises(ValidationError) as refused:
        customer_refer(
            actor=people.officer,
            customer=customer,
            provider=partner_c,
            support_wanted="",
            agreed_on=None,
        )
    assert set(refused.value.message_dict) == {"support_wanted", "agreed_on"}
    assert not Referral.objects.exists()


def test_a_direct_booking_reaches_the_provider_with_its_appointment(people, partner_c):
    customer = a_customer(people.officer)
    sent = refer(people.officer, customer, partner_c, booking(days=2))
    with inside(partner_c):
        appointment = Appointment.objects.get()
        assert appointment.direct and appointment.status == S.BOOKED
        assert appointment.on == TODAY + timedelta(days=2) and appointment.at == time(10, 30)
        assert appointment.adviser_name == "Ash Adviser" and appointment.place == "Job hub"
        assert appointment.referral.public_id == sent.public_id
        assert "appointment booked" in set(
            appointment.referral.events.values_list("action", flat=True)
        )
    assert sent.events.filter(action="appointment booked").count() == 1


def test_a_direct_booking_in_the_past_is_refused_and_nothing_is_sent(people, partner_c):
    customer = a_customer(people.officer)
    with pytest.raises(ValidationError) as refused:
        refer(people.officer, customer, partner_c, booking(days=-1))
    assert "cannot be in the past" in refused.value.message_dict["appointment_date"][0]
    assert not Referral.objects.exists()
    with inside(partner_c):
        assert not Referral.objects.filter(referral_type="employment-support").exists()


def test_provider_books_and_the_officer_sees_it(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    with inside(partner_c):
        received = received_copy(partner_c, sent)
        appointment = appointment_book(
            actor=adviser,
            referral=received,
            on=TODAY,
            at=time(9, 0),
            adviser=adviser,
            place="Library",
        )
        assert appointment.adviser == adviser and not appointment.direct
        assert AuditEntry.objects.filter(action="journey.appointment_booked").exists()
    event = sent.events.get(action="appointment booked")
    assert event.detail == f"{TODAY:%d/%m/%Y} at 09:00 with {adviser.get_full_name()}, Library"
    assert not Appointment.objects.exists()  # the appointment itself stays with the provider


def test_attended_ticks_the_first_step_on_both_sides(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    appointment = appointment_booked(partner_c, sent, adviser)
    with inside(partner_c):
        done = appointment_record_status(actor=adviser, appointment=appointment, status=S.ATTENDED)
        assert done.status == S.ATTENDED and done.status_recorded_by_name
        assert OutcomeStep.objects.get().kind == StepKind.FIRST_ATTENDED
    step = OutcomeStep.objects.get(referral=sent)
    assert step.kind == StepKind.FIRST_ATTENDED and step.on == TODAY
    assert sent.events.filter(action="attended appointment").exists()


@pytest.mark.parametrize(
    "days, status, extra, field, message",
    [
        (2, S.ATTENDED, {}, "status", "cannot be recorded as attended before then"),
        (2, S.DID_NOT_ATTEND, {}, "status", "cannot be recorded as missed before then"),
        (0, S.RESCHEDULED, {}, "new_on", "Enter the new date"),
        (0, S.RESCHEDULED, {"new_on": TODAY - timedelta(days=1)}, "new_on", "in the past"),
        (0, S.CANCELLED, {}, "cancelled_by", "Choose who cancelled"),
        (0, "booked", {}, "status", "Choose what happened"),
    ],
)
def test_bad_status_changes_are_refused_and_change_nothing(
    people, partner_c, sent, days, status, extra, field, message
):
    adviser = adviser_at(partner_c)
    appointment = appointment_booked(partner_c, sent, adviser, days=days)
    events = sent.events.count()
    with inside(partner_c), pytest.raises(ValidationError) as refused:
        appointment_record_status(actor=adviser, appointment=appointment, status=status, **extra)
    assert message in refused.value.message_dict[field][0]
    with inside(partner_c):
        appointment.refresh_from_db()
        assert appointment.status == S.BOOKED and appointment.status_recorded_at is None
    assert sent.events.count() == events


def test_nothing_more_on_a_cancelled_appointment(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    appointment = appointment_booked(partner_c, sent, adviser)
    with inside(partner_c):
        appointment_record_status(
            actor=adviser, appointment=appointment, status=S.CANCELLED, cancelled_by="customer"
        )
        with pytest.raises(ValidationError) as refused:
            appointment_record_status(actor=adviser, appointment=appointment, status=S.ATTENDED)
        assert refused.value.message_dict["status"] == [
            "This appointment is cancelled: its status cannot be changed."
        ]
        appointment.refresh_from_db()
        assert appointment.status == S.CANCELLED and appointment.cancelled_by == "customer"
    assert "cancelled by the customer" in sent.events.get(action="appointment cancelled").detail


def test_rescheduling_books_the_new_date(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    appointment = appointment_booked(partner_c, sent, adviser)
    new_on = TODAY + timedelta(days=7)
    with inside(partner_c):
        moved = appointment_record_status(
            actor=adviser, appointment=appointment, status=S.RESCHEDULED, new_on=new_on
        )
        assert moved.status == S.RESCHEDULED
        assert moved.rescheduled_to.on == new_on and moved.rescheduled_to.status == S.BOOKED
        assert moved.rescheduled_to.adviser == adviser
    assert f"moved to {new_on:%d/%m/%Y}" in sent.events.get(action="appointment rescheduled").detail


def test_only_advisers_record_appointments(people, partner_c, sent):
    with pytest.raises(CustomersRefused):
        appointment_book(
            actor=people.officer,
            referral=sent,
            on=TODAY,
            at=time(9, 0),
            adviser=people.officer,
            place="Here",
        )


def test_the_sending_side_cannot_book_on_its_own_copy(people, partner_c, sent):
    # An adviser role in a borough does not exist; even with the right, the sent copy is
    # not a received referral.
    from tests.partners import PASSWORD
    from tests.tenants.accounts.helpers import make_user

    champion = make_user(role_key="champion", password=PASSWORD)
    with pytest.raises((ValidationError, CustomersRefused)):
        appointment_book(
            actor=champion, referral=sent, on=TODAY, at=time(9, 0), adviser=champion, place="x"
        )
    assert not Appointment.objects.exists()


def _step(partner_c, sent, adviser, kind, on, **details):
    with inside(partner_c):
        return outcome_step_record(
            actor=adviser,
            referral=received_copy(partner_c, sent),
            kind=kind,
            on=on,
            details=details,
        )


def test_the_checklist_flows_back_to_the_officer(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    start = TODAY - timedelta(days=200)
    _step(partner_c, sent, adviser, StepKind.FIRST_ATTENDED, start)
    _step(partner_c, sent, adviser, StepKind.INTERVENTION, start, intervention="cv")
    _step(partner_c, sent, adviser, StepKind.TRAINING_STARTED, start, course="Forklift")
    _step(
        partner_c,
        sent,
        adviser,
        StepKind.TRAINING_COMPLETED,
        start + timedelta(days=10),
        course="Forklift",
    )
    _step(
        partner_c,
        sent,
        adviser,
        StepKind.QUALIFICATION,
        start + timedelta(days=10),
        qualification="Counterbalance licence",
        level="Level 2",
    )
    job_on = start + timedelta(days=14)
    _step(
        partner_c,
        sent,
        adviser,
        StepKind.EMPLOYMENT,
        job_on,
        hours="30",
        employment_type="part_time",
    )
    _step(partner_c, sent, adviser, StepKind.SUSTAINED_13, job_on + timedelta(weeks=13))
    _step(partner_c, sent, adviser, StepKind.SUSTAINED_26, job_on + timedelta(weeks=26))
    # The officer's side: every step, timestamped, on the customer's record.
    customer = CustomerReferral.objects.get(referral=sent).customer
    (journey,) = customer_journey(user=people.colleague, customer=customer)
    summaries = [s.summary for s in journey.outcome_steps.all()]
    assert len(summaries) == 8
    assert summaries[1] == f"Intervention: CV support ({start:%d/%m/%Y})"
    assert summaries[4].startswith("Qualification achieved: Counterbalance licence (Level 2)")
    assert summaries[5].startswith("Employment entered: Part-time, 30 hours a week")
    assert all(s.recorded_at for s in journey.outcome_steps.all())
    assert journey.events.filter(action="outcome step").count() == 8
    # The provider's copy holds the same steps.
    with inside(partner_c):
        assert OutcomeStep.objects.count() == 8


@pytest.mark.parametrize(
    "earlier, kind, on_days, details, field, message",
    [
        ([], StepKind.TRAINING_COMPLETED, 0, {"course": "Forklift"}, "course", "started before"),
        ([], StepKind.SUSTAINED_13, 0, {}, "kind", "employment entered first"),
        (
            [(StepKind.EMPLOYMENT, -30, {"hours": "20", "employment_type": "full_time"})],
            StepKind.SUSTAINED_13,
            0,
            {},
            "on",
            "13 weeks are reached on",
        ),
        ([(StepKind.FIRST_ATTENDED, -3, {})], StepKind.FIRST_ATTENDED, 0, {}, "kind", "already"),
        ([], StepKind.EMPLOYMENT, 0, {"hours": "lots", "employment_type": "x"}, "hours", "1 to 80"),
        ([], StepKind.QUALIFICATION, 0, {"qualification": "NVQ"}, "level", "level"),
        ([], StepKind.INTERVENTION, 0, {}, "intervention", "Choose the intervention"),
        ([], StepKind.INTERVENTION, 1, {"intervention": "cv"}, "on", "cannot be in the future"),
    ],
)
def test_checklist_steps_out_of_order_are_refused(
    people, partner_c, sent, earlier, kind, on_days, details, field, message
):
    adviser = adviser_at(partner_c)
    for earlier_kind, days, extra in earlier:
        _step(partner_c, sent, adviser, earlier_kind, TODAY + timedelta(days=days), **extra)
    before = OutcomeStep.objects.count(), ReferralEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        _step(partner_c, sent, adviser, kind, TODAY + timedelta(days=on_days), **details)
    assert message in " ".join(refused.value.message_dict[field])
    assert (OutcomeStep.objects.count(), ReferralEvent.objects.count()) == before


@pytest.mark.owner_role  # the trigger, which holds against the owner too
def test_checklist_steps_are_append_only(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    _step(partner_c, sent, adviser, StepKind.FIRST_ATTENDED, TODAY)
    step = OutcomeStep.objects.get(referral=sent)
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        OutcomeStep.objects.filter(pk=step.pk).update(summary="rewritten")


def test_nothing_is_recorded_on_an_ended_referral(people, partner_c, sent):
    from referrals.services.exchange import referral_withdraw

    adviser = adviser_at(partner_c)
    referral_withdraw(actor=people.officer, referral=sent, reason="Moved away")
    with pytest.raises(ValidationError) as refused:
        _step(partner_c, sent, adviser, StepKind.FIRST_ATTENDED, TODAY)
    assert "withdrawn" in refused.value.message_dict["referral"][0]


def test_missing_statuses_are_flagged_once_the_day_after(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    other_adviser = adviser_at(partner_c)
    appointment = appointment_booked(partner_c, sent, adviser)
    with inside(partner_c):
        assert appointments_flag_missing(today=TODAY) == 0  # on the day: not yet
        assert appointments_flag_missing(today=TODAY + timedelta(days=1)) == 1
        assert appointments_flag_missing(today=TODAY + timedelta(days=2)) == 0  # once
        appointment.refresh_from_db()
        assert appointment.missing_flagged_at is not None
        from casework.worklist.models import Notification

        told = Notification.objects.filter(title__startswith="Record what happened")
        assert list(told.values_list("recipient", flat=True)) == [adviser.pk]
        assert other_adviser.pk not in told.values_list("recipient", flat=True)


def test_the_sweep_does_nothing_in_public(db):
    connection.set_schema_to_public()
    assert appointments_flag_missing(today=date.today() + timedelta(days=5)) == 0

"""An employment support referral's status follows its journey, the same on both copies
(customers.services.both_sides.journey_moves): booked → accepted, the first attendance →
in progress, the checklist's last step or a cancellation that leaves nothing booked →
closed with the outcome. The provider's "waiting for an answer" counts only referrals
nobody has answered."""

from datetime import time, timedelta

import pytest

from customers.models import AppointmentStatus, StepKind
from customers.services.appointments import appointment_book, appointment_record_status
from customers.services.outcomes import outcome_step_record
from referrals.models import Referral, ReferralStatus
from tests.customers.journey import (
    TODAY,
    a_customer,
    adviser_at,
    booking,
    inside,
    received_copy,
    refer,
)

A, S = AppointmentStatus, ReferralStatus


@pytest.fixture
def sent(people, partner_c):
    return refer(people.officer, a_customer(people.officer), partner_c)


def both(partner_c, sent) -> tuple[str, str]:
    """(the borough's status, the provider's): read afresh from each schema."""
    mine = Referral.objects.get(public_id=sent.public_id)
    theirs = received_copy(partner_c, sent)
    assert mine.outcome == theirs.outcome
    return mine.status, theirs.status


def waiting(partner_c, user) -> int:
    """The "waiting for an answer" count on the provider's home page."""
    from workspace.panels import home_panels

    with inside(partner_c):
        shown = home_panels(user=user, partner=partner_c)
    (inbox,) = [s for s in shown if s.panel.key == "inbox"]
    return inbox.context["count"]


def book(partner_c, sent, adviser, days=0):
    with inside(partner_c):
        return appointment_book(
            actor=adviser,
            referral=received_copy(partner_c, sent),
            on=TODAY + timedelta(days=days),
            at=time(9, 0),
            adviser=adviser,
            place="Library",
        )


def record(partner_c, adviser, appointment, status, **extra):
    with inside(partner_c):
        return appointment_record_status(
            actor=adviser, appointment=appointment, status=status, **extra
        )


def test_booking_answers_the_referral_and_it_no_longer_waits(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    assert both(partner_c, sent) == (S.SENT, S.SENT)
    assert waiting(partner_c, adviser) == 1
    book(partner_c, sent, adviser)
    assert both(partner_c, sent) == (S.ACCEPTED, S.ACCEPTED)
    assert waiting(partner_c, adviser) == 0


def test_a_direct_booking_arrives_answered(people, partner_c):
    adviser = adviser_at(partner_c)
    sent = refer(people.officer, a_customer(people.officer), partner_c, booking(days=2))
    assert sent.status == S.ACCEPTED
    assert both(partner_c, sent) == (S.ACCEPTED, S.ACCEPTED)
    assert waiting(partner_c, adviser) == 0


def test_the_first_attendance_starts_the_work_and_a_missed_one_does_not(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    first = book(partner_c, sent, adviser)
    record(partner_c, adviser, first, A.DID_NOT_ATTEND)
    assert both(partner_c, sent) == (S.ACCEPTED, S.ACCEPTED)
    second = book(partner_c, sent, adviser)
    record(partner_c, adviser, second, A.ATTENDED)
    assert both(partner_c, sent) == (S.IN_PROGRESS, S.IN_PROGRESS)
    # A later booking does not move it back.
    book(partner_c, sent, adviser, days=7)
    assert both(partner_c, sent) == (S.IN_PROGRESS, S.IN_PROGRESS)


def test_the_last_step_closes_it_with_the_outcome(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    start = TODAY - timedelta(weeks=30)

    def step(kind, on, **details):
        with inside(partner_c):
            outcome_step_record(
                actor=adviser,
                referral=received_copy(partner_c, sent),
                kind=kind,
                on=on,
                details=details,
            )

    step(StepKind.FIRST_ATTENDED, start)
    assert both(partner_c, sent) == (S.IN_PROGRESS, S.IN_PROGRESS)
    step(StepKind.EMPLOYMENT, start, hours="30", employment_type="part_time")
    step(StepKind.SUSTAINED_13, start + timedelta(weeks=13))
    assert both(partner_c, sent) == (S.IN_PROGRESS, S.IN_PROGRESS)
    step(StepKind.SUSTAINED_26, start + timedelta(weeks=26))
    assert both(partner_c, sent) == (S.CLOSED, S.CLOSED)
    closed = Referral.objects.get(public_id=sent.public_id)
    assert closed.outcome.startswith("Employment sustained at 26 weeks")


def test_a_cancellation_that_leaves_nothing_booked_closes_it(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    first = book(partner_c, sent, adviser, days=1)
    second = book(partner_c, sent, adviser, days=3)
    record(partner_c, adviser, first, A.CANCELLED, cancelled_by="provider")
    assert both(partner_c, sent) == (S.ACCEPTED, S.ACCEPTED)  # the second still stands
    record(partner_c, adviser, second, A.CANCELLED, cancelled_by="customer")
    assert both(partner_c, sent) == (S.CLOSED, S.CLOSED)
    closed = Referral.objects.get(public_id=sent.public_id)
    assert closed.outcome == (
        f"Ended: the appointment of {second.on:%d/%m/%Y} at 09:00 was cancelled by the customer."
    )
    assert waiting(partner_c, adviser) == 0


def test_once_the_work_started_a_cancellation_does_not_end_it(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    record(partner_c, adviser, book(partner_c, sent, adviser), A.ATTENDED)
    later = book(partner_c, sent, adviser, days=7)
    record(partner_c, adviser, later, A.CANCELLED, cancelled_by="customer")
    assert both(partner_c, sent) == (S.IN_PROGRESS, S.IN_PROGRESS)

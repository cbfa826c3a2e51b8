"""Outcome steps are append-only on both copies: the provider's advisers and managers
answer a wrong one with a correction entry, written on the provider's copy and the
borough's like the step itself; the step stays, shown as corrected on both sides; a step
entered in error stops counting (it may be recorded again, and the figures leave it out);
the borough cannot correct the provider's steps."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError

from customers.models import OutcomeStep, OutcomeStepCorrection, StepKind
from customers.policy import CustomersRefused
from customers.services.outcomes import outcome_step_correct, outcome_step_record
from referrals.models import ReferralEvent
from reports.definitions.employment import build
from tests.casework.screens import body
from tests.clients import signed_in
from tests.customers.journey import (
    TODAY,
    a_customer,
    adviser_at,
    inside,
    received_copy,
    refer,
)


@pytest.fixture
def sent(people, partner_c):
    return refer(people.officer, a_customer(people.officer), partner_c)


def _step(partner_c, sent, actor, kind=StepKind.FIRST_ATTENDED, on=None, **details):
    with inside(partner_c):
        return outcome_step_record(
            actor=actor,
            referral=received_copy(partner_c, sent),
            kind=kind,
            on=on or TODAY,
            details=details,
        )


def test_a_correction_is_copied_to_the_borough_beside_the_step(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    step = _step(partner_c, sent, adviser, StepKind.TRAINING_STARTED, course="Forklift")
    with inside(partner_c):
        correction = outcome_step_correct(
            actor=adviser, step=step, kind="corrected", text="The course is Forklift level 2"
        )
        assert OutcomeStep.objects.get(pk=step.pk).summary.startswith("Training started")
        assert correction.author_name == adviser.get_full_name()
    # The borough's copy of the step carries the same correction (same public id).
    borough_step = OutcomeStep.objects.get(referral=sent, public_id=step.public_id)
    copied = borough_step.corrections.get()
    assert (copied.public_id, copied.kind, copied.text) == (
        correction.public_id,
        "corrected",
        "The course is Forklift level 2",
    )
    event = ReferralEvent.objects.get(referral=sent, action="outcome step corrected")
    assert "The course is Forklift level 2" in event.detail


def test_a_step_entered_in_error_stops_counting_and_may_be_recorded_again(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    wrong = _step(partner_c, sent, adviser, on=TODAY - timedelta(days=3))
    with pytest.raises(ValidationError):  # once per referral
        _step(partner_c, sent, adviser)
    with inside(partner_c):
        outcome_step_correct(actor=adviser, step=wrong, kind="error", text="Wrong customer")
    right = _step(partner_c, sent, adviser)
    assert right.pk != wrong.pk
    # Both copies keep both rows; only the standing one counts.
    assert OutcomeStep.objects.filter(referral=sent).count() == 2
    assert list(OutcomeStep.objects.standing().filter(referral=sent)) == [
        OutcomeStep.objects.get(referral=sent, public_id=right.public_id)
    ]


def test_the_figures_leave_out_a_step_entered_in_error(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    step = _step(partner_c, sent, adviser)

    def attended():
        funnel = dict(build(user=people.officer, date_from=TODAY, date_to=TODAY)["funnel"])
        return funnel["First appointment attended"]

    assert attended() == 1
    with inside(partner_c):
        outcome_step_correct(actor=adviser, step=step, kind="error", text="Did not attend")
    assert attended() == 0


def test_who_may_correct_a_step(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    manager = adviser_at(partner_c, role="provider-manager")
    step = _step(partner_c, sent, adviser, StepKind.TRAINING_STARTED, course="Forklift")
    with inside(partner_c):
        outcome_step_correct(actor=manager, step=step, kind="corrected", text="Forklift 2")
    # The borough sees the step, and cannot correct it.
    borough_step = OutcomeStep.objects.get(referral=sent, public_id=step.public_id)
    with pytest.raises((CustomersRefused, ValidationError)):
        outcome_step_correct(actor=people.officer, step=borough_step, kind="error", text="No")
    assert borough_step.corrections.count() == 1


@pytest.mark.owner_role  # the trigger, which holds against the owner too
def test_corrections_are_append_only_on_both_sides(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    step = _step(partner_c, sent, adviser)
    with inside(partner_c):
        outcome_step_correct(actor=adviser, step=step, kind="error", text="Kept")
    for sql in (
        "UPDATE customers_outcomestepcorrection SET text = 'rewritten'",
        "DELETE FROM customers_outcomestepcorrection",
    ):
        with pytest.raises(DatabaseError, match="append-only"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
    assert OutcomeStepCorrection.objects.get().text == "Kept"


def test_both_sides_pages_show_the_step_marked_corrected(people, partner_c, sent):
    adviser = adviser_at(partner_c)
    step = _step(partner_c, sent, adviser, StepKind.TRAINING_STARTED, course="Forklift")
    received = received_copy(partner_c, sent)
    provider = signed_in(partner_c, adviser)
    page = body(provider.get(f"/employment/{received.public_id}/"))
    link = f"/employment/steps/{step.public_id}/correct/"
    assert link in page
    response = provider.post(link, {"kind": "corrected", "text": "Forklift, level 2"})
    assert response.status_code == 302
    page = body(provider.get(f"/employment/{received.public_id}/"))
    assert "Training started: Forklift" in page and "Forklift, level 2" in page
    officer = signed_in(people.borough, people.officer)
    customer = sent.customer_link.customer
    page = body(officer.get(f"/customers/{customer.public_id}/"))
    assert "Training started: Forklift" in page and "Forklift, level 2" in page
    assert "Corrected</strong>" in page and link not in page  # the borough reads it only
    assert officer.get(link).status_code == 404

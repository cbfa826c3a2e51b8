"""The lifecycle every partner system can speak: every status × every step, on both
copies (the table below is written out by hand, not read from the code), the FHIR
mapping, the steps' own input, reopening's 30 days. Beta sends, kappa receives."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from referrals.models import FHIR_TASK_STATUS, Referral, ReferralEvent, ReferralStatus
from referrals.services.exchange import (
    local_referral_send,
    referral_accept,
    referral_complete,
    referral_decline,
    referral_fail,
    referral_hold,
    referral_reopen,
    referral_resume,
    referral_start,
    referral_withdraw,
)
from tenants.accounts.models import AuditEntry
from tests.referrals.exchange import copy_in, kappa_contact
from tests.referrals.helpers import ready_case_with_food

S = ReferralStatus
FHIR_CODES = {
    "draft",
    "requested",
    "received",
    "accepted",
    "rejected",
    "on-hold",
    "in-progress",
    "completed",
    "cancelled",
    "failed",
    "entered-in-error",
}


def test_the_statuses_map_one_to_one_onto_fhir_task_statuses():
    assert set(FHIR_TASK_STATUS) == set(ReferralStatus)
    assert sorted(FHIR_TASK_STATUS.values()) == sorted(FHIR_CODES)  # each code once
    assert all(label[0].isupper() and "_" not in label for label in S.labels)


@pytest.fixture
def sent(handler, data_team, partner_c):
    _case, local = ready_case_with_food(handler)
    return local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)


# (step, the side taking it) → the statuses it may follow and the status it leads to.
# Resuming goes back to the status before the hold, reopening to the one before the
# ending: the setup below makes those "in progress" and "accepted".
ALLOWED = {
    ("accept", "receiver"): ({S.SENT}, S.ACCEPTED),
    ("decline", "receiver"): ({S.SENT}, S.DECLINED),
    ("withdraw", "sender"): ({S.SENT, S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD}, S.WITHDRAWN),
    ("start", "receiver"): ({S.ACCEPTED}, S.IN_PROGRESS),
    ("hold", "receiver"): ({S.ACCEPTED, S.IN_PROGRESS}, S.ON_HOLD),
    ("resume", "receiver"): ({S.ON_HOLD}, S.IN_PROGRESS),
    ("complete", "receiver"): ({S.IN_PROGRESS}, S.CLOSED),
    ("fail", "receiver"): ({S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD}, S.FAILED),
    ("reopen", "receiver"): ({S.CLOSED, S.FAILED}, S.ACCEPTED),
    ("reopen", "sender"): ({S.WITHDRAWN}, S.ACCEPTED),
}
EVENT = {
    "accept": "accepted",
    "decline": "declined",
    "withdraw": "withdrawn",
    "start": "started",
    "hold": "put on hold",
    "resume": "resumed",
    "complete": "completed",
    "fail": "failed",
    "reopen": "reopened",
}


def _set_both(partners, public_id, status):
    for partner in partners:
        with schema_context(partner.schema_name):
            Referral.objects.filter(public_id=public_id).update(
                status=status,
                previous_status=S.IN_PROGRESS if status == S.ON_HOLD else S.ACCEPTED,
                status_changed_at=timezone.now(),
            )


def _events(partner, public_id):
    with schema_context(partner.schema_name):
        return list(
            ReferralEvent.objects.filter(referral__public_id=public_id).values_list(
                "action", "partner_name"
            )
        )


def test_every_step_from_every_status_on_both_copies(
    sent, partner_b, partner_c, data_team, kappa_adviser
):
    contact = kappa_contact(partner_c, kappa_adviser)
    review_on = date.today() + timedelta(days=7)
    calls = {
        "accept": lambda u, r: referral_accept(actor=u, referral=r, contact=contact),
        "decline": lambda u, r: referral_decline(actor=u, referral=r, reason="Full"),
        "withdraw": lambda u, r: referral_withdraw(actor=u, referral=r, reason="Not needed"),
        "start": lambda u, r: referral_start(actor=u, referral=r),
        "hold": lambda u, r: referral_hold(actor=u, referral=r, reason="Away", review_on=review_on),
        "resume": lambda u, r: referral_resume(actor=u, referral=r),
        "complete": lambda u, r: referral_complete(
            actor=u, referral=r, outcome_code="need_met", outcome="Parcel delivered"
        ),
        "fail": lambda u, r: referral_fail(actor=u, referral=r, reason="could_not_contact"),
        "reopen": lambda u, r: referral_reopen(actor=u, referral=r, reason="Called back"),
    }
    sides = {
        "sender": (partner_b, data_team),
        "receiver": (partner_c, kappa_adviser),
    }
    both = (partner_b, partner_c)
    public_id = sent.public_id
    outcomes = {}
    for status in S:
        with transaction.atomic():
            _set_both(both, public_id, status)
            before = {p.slug: _events(p, public_id) for p in both}
            for (step, side), (allowed_from, expected) in ALLOWED.items():
                partner, actor = sides[side]
                with transaction.atomic():
                    with schema_context(partner.schema_name):
                        try:
                            calls[step](actor, Referral.objects.get(public_id=public_id))
                        except ValidationError as exc:
                            message = exc.message_dict["status"][0]
                            outcomes[status, step, side] = ("refused", message)
                        else:
                            outcomes[status, step, side] = "done"
                            assert AuditEntry.objects.filter(
                                action=f"referral.{EVENT[step].replace(' ', '_')}"
                            ).exists()
                    if status in allowed_from:
                        assert outcomes[status, step, side] == "done", (status, step, side)
                        copies = [copy_in(p, public_id) for p in both]
                        assert {c.status for c in copies} == {expected}, (status, step, side)
                        assert {c.fhir_status for c in copies} == {FHIR_TASK_STATUS[expected]}
                        for p in both:  # the same event on both sides, by the side that acted
                            assert _events(p, public_id)[-1] == (EVENT[step], partner.name)
                        transaction.set_rollback(True)  # back to `status` for the next step
                    else:
                        refused, message = outcomes[status, step, side]
                        assert refused == "refused", (status, step, side)
                        assert "cannot be" in message or message.startswith("Only "), message
            # Every refusal from this status changed nothing on either copy.
            assert {copy_in(p, public_id).status for p in both} == {status}
            assert {p.slug: _events(p, public_id) for p in both} == before
            transaction.set_rollback(True)
    assert len(outcomes) == len(S) * len(ALLOWED)
    # A refusal says why in the user's words: the status, or whose step it is.
    assert outcomes[S.CLOSED, "reopen", "sender"] == (
        "refused",
        "Only the receiving partner can do that.",
    )
    assert outcomes[S.DECLINED, "reopen", "receiver"] == (
        "refused",
        "This referral is declined: it cannot be reopened now.",
    )


def test_the_steps_own_input_and_reopenings_thirty_days(
    sent, partner_b, partner_c, data_team, kappa_adviser
):
    contact = kappa_contact(partner_c, kappa_adviser)

    def theirs():
        return copy_in(partner_c, sent.public_id)

    def as_kappa(service, **kwargs):
        with schema_context(partner_c.schema_name):
            return service(actor=kappa_adviser, referral=theirs(), **kwargs)

    as_kappa(referral_accept, contact=contact)
    with pytest.raises(ValidationError) as exc:
        as_kappa(referral_hold, reason=" ", review_on=date.today() - timedelta(days=1))
    assert exc.value.message_dict == {
        "reason": ["Say why the referral is on hold."],
        "review_on": ["The review date must be today or later."],
    }
    with pytest.raises(ValidationError) as exc:
        as_kappa(referral_fail, reason="other", details="")
    assert exc.value.message_dict == {"details": ["Say why the referral could not be completed."]}
    with pytest.raises(ValidationError) as exc:
        as_kappa(referral_fail, reason="bored")
    assert "reason" in exc.value.message_dict
    as_kappa(referral_start)
    with pytest.raises(ValidationError) as exc:
        as_kappa(referral_complete, outcome_code="", outcome="")
    assert set(exc.value.message_dict) == {"outcome_code", "outcome"}
    assert theirs().status == S.IN_PROGRESS  # nothing refused was written

    as_kappa(referral_hold, reason="In hospital", review_on=date.today())
    mine = copy_in(partner_b, sent.public_id)  # the sender sees why, and until when
    assert (mine.status, mine.hold_reason, mine.hold_review_on) == (
        S.ON_HOLD,
        "In hospital",
        date.today(),
    )
    as_kappa(referral_resume)
    assert copy_in(partner_b, sent.public_id).status == S.IN_PROGRESS
    as_kappa(referral_fail, reason="other", details="Moved away")
    mine = copy_in(partner_b, sent.public_id)
    assert (mine.fail_reason, mine.fail_details, mine.fhir_status) == (
        "other",
        "Moved away",
        "failed",
    )
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        with pytest.raises(ValidationError) as exc:
            as_kappa(referral_reopen, reason="Back")
        assert "more than 30 days ago" in exc.value.message_dict["status"][0]
    with time_machine.travel(timezone.now() + timedelta(days=29)):
        as_kappa(referral_reopen, reason="Back")
    assert {copy_in(p, sent.public_id).status for p in (partner_b, partner_c)} == {S.IN_PROGRESS}
    assert copy_in(partner_b, sent.public_id).fail_reason == ""

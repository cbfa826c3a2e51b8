"""The receiver's and sender's later steps (on hold, resumed, completed, not completed,
reopened): each checks its own input, then goes through the lifecycle's transition, which
refuses it when the status or side does not allow it and writes both copies at once."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from referrals import policy
from referrals.models import Direction, FailReason, OutcomeCode, Referral
from referrals.services.exchange.lifecycle import transition


def referral_hold(*, actor, referral: Referral, reason: str, review_on: date | None) -> Referral:
    """Put a referral on hold: why, and the day it will be looked at again."""
    policy.check_receive_referrals(actor)
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = "Say why the referral is on hold."
    if review_on is None:
        errors["review_on"] = "Enter the date the referral will be looked at again."
    elif review_on < timezone.localdate():
        errors["review_on"] = "The review date must be today or later."
    if errors:
        raise ValidationError(errors)
    reason = reason.strip()
    return transition(
        actor=actor,
        referral=referral,
        action="put on hold",
        detail=f"{reason} To be looked at again on {review_on:%d/%m/%Y}.",
        changes={
            "hold_reason": reason,
            "hold_review_on": review_on,
            "hold_review_reminded_at": None,
        },
    )


def referral_resume(*, actor, referral: Referral) -> Referral:
    """Take a referral off hold: back to where it was."""
    policy.check_receive_referrals(actor)
    return transition(
        actor=actor,
        referral=referral,
        action="resumed",
        changes={"hold_reason": "", "hold_review_on": None, "hold_review_reminded_at": None},
    )


def referral_complete(*, actor, referral: Referral, outcome_code: str, outcome: str) -> Referral:
    """Complete the work: what came of it (from the list) and a summary, both sides see."""
    policy.check_receive_referrals(actor)
    errors = {}
    if outcome_code not in OutcomeCode.values:
        errors["outcome_code"] = "Choose what came of the referral."
    if not (outcome or "").strip():
        errors["outcome"] = "Describe the outcome."
    if errors:
        raise ValidationError(errors)
    summary = outcome.strip()
    return transition(
        actor=actor,
        referral=referral,
        action="completed",
        detail=f"{OutcomeCode(outcome_code).label}. {summary}",
        changes={"outcome_code": outcome_code, "outcome": summary},
    )


def referral_fail(*, actor, referral: Referral, reason: str, details: str = "") -> Referral:
    """The work could not be completed: a reason from the list (details for "other")."""
    policy.check_receive_referrals(actor)
    details = (details or "").strip()
    if reason not in FailReason.values:
        raise ValidationError({"reason": "Choose why the referral could not be completed."})
    if reason == FailReason.OTHER and not details:
        raise ValidationError({"details": "Say why the referral could not be completed."})
    label = FailReason(reason).label
    return transition(
        actor=actor,
        referral=referral,
        action="failed",
        detail=f"{label}. {details}".strip() if details else f"{label}.",
        changes={"fail_reason": reason, "fail_details": details},
    )


def referral_reopen(*, actor, referral: Referral, reason: str) -> Referral:
    """Reopen a referral completed, not completed or withdrawn in the last 30 days: the
    side that ended it, saying why."""
    if referral.direction == Direction.SENT:
        policy.check_send_referrals(actor)
    else:
        policy.check_receive_referrals(actor)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the referral is reopened."})
    return transition(
        actor=actor,
        referral=referral,
        action="reopened",
        detail=reason.strip(),
        changes={
            "fail_reason": "",
            "fail_details": "",
            "outcome_code": "",
            "outcome": "",
            "withdraw_reason": "",
        },
    )

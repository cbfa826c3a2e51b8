"""The provider's outcome checklist: each step dated, checked against the steps before
it, and copied to the referring borough through the exchange (append-only on both sides)."""

import uuid
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from customers import policy
from customers.models import OutcomeStep, OutcomeStepCorrection, StepKind
from customers.services.appointments import journey_referral_check
from customers.services.both_sides import journey_moves, on_both_sides
from referrals.models import Direction, Referral
from tenants.corrections import CorrectionKind, correction_clean

K = StepKind
INTERVENTIONS = {
    "advice": "Advice session",
    "cv": "CV support",
    "job_search": "Job search",
    "interview": "Interview preparation",
    "benefits": "Benefits and better-off calculation",
    "other": "Other",
}
EMPLOYMENT_TYPES = {
    "full_time": "Full-time",
    "part_time": "Part-time",
    "self_employed": "Self-employed",
    "apprenticeship": "Apprenticeship",
}
# Steps recorded once per referral.
ONCE = {K.FIRST_ATTENDED, K.EMPLOYMENT, K.SUSTAINED_13, K.SUSTAINED_26}
# The checklist's last step: recording it ends the journey (the referral closes with it).
LAST = K.SUSTAINED_26
SUSTAINED_WEEKS = {K.SUSTAINED_13: 13, K.SUSTAINED_26: 26}


def _clean(kind: str, details: dict) -> tuple[dict, str, dict]:
    """(details kept, summary for the officer, errors) for one kind of step."""
    text = {k: str(v).strip() for k, v in details.items() if v not in (None, "")}
    errors = {}
    if kind == K.INTERVENTION:
        if text.get("intervention") not in INTERVENTIONS:
            errors["intervention"] = "Choose the intervention."
            return {}, "", errors
        label = INTERVENTIONS[text["intervention"]]
        note = text.get("note", "")[:200]
        return {"intervention": text["intervention"], "note": note}, label, errors
    if kind in (K.TRAINING_STARTED, K.TRAINING_COMPLETED):
        if not text.get("course"):
            errors["course"] = "Enter the course."
        course = text.get("course", "")[:200]
        return {"course": course}, course, errors
    if kind == K.QUALIFICATION:
        if not text.get("qualification"):
            errors["qualification"] = "Enter the qualification's name."
        if not text.get("level"):
            errors["level"] = "Enter the qualification's level (for example Level 2)."
        name, level = text.get("qualification", "")[:200], text.get("level", "")[:40]
        return {"qualification": name, "level": level}, f"{name} ({level})", errors
    if kind == K.EMPLOYMENT:
        hours = text.get("hours", "")
        if not hours.isdigit() or not 1 <= int(hours) <= 80:
            errors["hours"] = "Enter the hours a week as a whole number from 1 to 80."
        if text.get("employment_type") not in EMPLOYMENT_TYPES:
            errors["employment_type"] = "Choose the type of employment."
        if errors:
            return {}, "", errors
        kept = {"hours": int(hours), "employment_type": text["employment_type"]}
        label = EMPLOYMENT_TYPES[text["employment_type"]]
        return kept, f"{label}, {hours} hours a week", errors
    return {}, "", errors


def _against_earlier(kind: str, on: date, course: str, earlier: list[OutcomeStep]) -> dict:
    kinds = {step.kind: step for step in earlier}
    if kind in ONCE and kind in kinds:
        return {"kind": f"“{K(kind).label}” is already recorded for this referral."}
    if kind == K.TRAINING_COMPLETED:
        started = [
            s for s in earlier if s.kind == K.TRAINING_STARTED and s.details["course"] == course
        ]
        if not started:
            return {"course": f"Record that “{course}” started before recording it completed."}
        if on < started[0].on:
            return {"on": f"“{course}” started on {started[0].on:%d/%m/%Y}: it cannot end before."}
    if kind in SUSTAINED_WEEKS:
        job = kinds.get(K.EMPLOYMENT)
        weeks = SUSTAINED_WEEKS[kind]
        if job is None:
            return {"kind": "Record the employment entered first."}
        if on < job.on + timedelta(weeks=weeks):
            due = job.on + timedelta(weeks=weeks)
            return {
                "on": f"Employment started on {job.on:%d/%m/%Y}: {weeks} weeks are reached "
                f"on {due:%d/%m/%Y}."
            }
    return {}


def outcome_step_record(
    *, actor, referral: Referral, kind: str, on: date | None, details: dict | None = None
) -> OutcomeStep:
    """One checklist step, on the provider's copy and the referring borough's."""
    policy.check_record_outcomes(actor)
    errors = {}
    if kind not in K.values:
        raise ValidationError({"kind": "Choose the step."})
    if on is None:
        errors["on"] = "Enter the date."
    elif on > timezone.localdate():
        errors["on"] = "The date cannot be in the future."
    kept, summary, detail_errors = _clean(kind, details or {})
    errors |= detail_errors
    if errors:
        raise ValidationError(errors)
    label = K(kind).label
    summary = f"{label}: {summary}" if summary else label
    summary = f"{summary} ({on:%d/%m/%Y})"
    made = {}
    public_id = uuid.uuid4()  # one id for the step on both copies

    def check(copy):
        earlier = list(OutcomeStep.objects.standing().filter(referral=copy))
        refused = _against_earlier(kind, on, kept.get("course", ""), earlier)
        if refused:  # said first: a step already recorded may be what closed the referral
            raise ValidationError(refused)
        journey_referral_check(referral=copy)

    def write(copy):
        step = OutcomeStep.objects.create(
            public_id=public_id,
            referral=copy,
            kind=kind,
            on=on,
            details=kept,
            summary=summary[:300],
            recorded_by_name=actor.get_full_name(),
        )
        if copy.direction == "received":
            made["step"] = step

    def moves(copy):
        if kind == LAST:
            return journey_moves(copy, ended=summary)
        return journey_moves(copy, started=kind == K.FIRST_ATTENDED)

    on_both_sides(
        actor=actor,
        referral=referral,
        action="outcome step",
        detail=summary,
        check=check,
        write=write,
        moves=moves,
    )
    return made["step"]


def outcome_step_correct(
    *, actor, step: OutcomeStep, kind: str, text: str
) -> OutcomeStepCorrection:
    """“Entered in error: <why>” (the step no longer counts and may be recorded again) or
    the corrected text, by the provider's advisers and managers, on both copies like the
    step itself: the referring officer sees the correction beside the step."""
    policy.check_record_outcomes(actor)
    kind, text = correction_clean(kind=kind, text=text)
    made = {}
    public_id = uuid.uuid4()  # one id for the correction on both copies
    what = "entered in error" if kind == CorrectionKind.ERROR else "corrected"
    detail = f"{step.summary} {what}: {text}"

    def write(copy):
        original = OutcomeStep.objects.get(referral=copy, public_id=step.public_id)
        correction = OutcomeStepCorrection.objects.create(
            public_id=public_id,
            step=original,
            kind=kind,
            text=text,
            author_name=actor.get_full_name(),
        )
        if copy.direction == Direction.RECEIVED:
            made["correction"] = correction

    on_both_sides(
        actor=actor,
        referral=step.referral,
        action="outcome step corrected",
        detail=detail[:300],
        check=_check_correctable,
        write=write,
    )
    return made["correction"]


def _check_correctable(copy: Referral) -> None:
    # Unlike a new step, a correction is taken on a closed referral too: the record
    # must be right whenever the mistake is found.
    if copy.direction != Direction.RECEIVED:
        raise ValidationError({"step": "Only the provider who recorded a step can correct it."})

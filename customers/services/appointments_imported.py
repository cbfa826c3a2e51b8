"""An appointment brought in from the old system, already held: history, not a booking.
appointment_book refuses a past date (a booking is for what is to come); an imported
appointment of the past is recorded as the file says (attended, did not attend, or
cancelled), with the same checks of its date, time, adviser and place
(appointment_fields_check) and of its status (never attended before its day). Like every
journey change it is written on both copies of the referral (on_both_sides), and a first
attendance ticks the checklist's first step and starts the work, as on the day."""

import uuid
from datetime import date, time

from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.tracking import attributed
from customers import policy
from customers.models import Appointment, AppointmentStatus, CancelledBy, OutcomeStep, StepKind
from customers.services.appointments import (
    appointment_fields_check,
    appointment_status_too_early,
    first_attended_step,
    journey_referral_check,
)
from customers.services.both_sides import journey_moves, on_both_sides
from referrals.models import Direction, Referral

A = AppointmentStatus
RECORDED = (A.ATTENDED, A.DID_NOT_ATTEND, A.CANCELLED)


@attributed
def appointment_record_imported(
    *,
    actor,
    referral: Referral,
    on: date | None,
    at: time | None,
    adviser,
    adviser_name: str = "",
    place: str,
    status: str,
    cancelled_by: str = "",
    reason: str = "",
) -> Appointment:
    """Record an appointment of the old system with what happened at it. `adviser`: the
    user, or None with `adviser_name` for one who is not a user here (they may have left);
    `reason`: the import, kept with the history."""
    policy.check_record_outcomes(actor)
    errors = appointment_fields_check(
        on=on, at=at, adviser=adviser, adviser_name=adviser_name, place=place, past=True
    )
    if status not in RECORDED:
        errors["status"] = "Choose what happened: attended, did not attend or cancelled."
    elif on is not None:
        errors |= appointment_status_too_early(on, status, timezone.localdate())
    if status == A.CANCELLED and cancelled_by not in CancelledBy.values:
        errors["cancelled_by"] = "Choose who cancelled."
    if errors:
        raise ValidationError(errors)
    name = adviser.get_full_name() if adviser is not None else adviser_name.strip()[:200]
    result = {"first_step_id": uuid.uuid4()}

    def write(copy):
        first = status == A.ATTENDED and not (
            OutcomeStep.objects.filter(referral=copy, kind=StepKind.FIRST_ATTENDED).exists()
        )
        if copy.direction == Direction.RECEIVED:
            result["appointment"] = Appointment.objects.create(
                referral=copy,
                on=on,
                at=at,
                adviser=adviser,
                adviser_name=name,
                place=place.strip(),
                status=status,
                cancelled_by=cancelled_by if status == A.CANCELLED else "",
                status_recorded_at=timezone.now(),
                status_recorded_by_name=actor.get_full_name(),
                booked_by_name=actor.get_full_name(),
            )
        if first:
            first_attended_step(copy, on, actor, result["first_step_id"])

    said = A(status).label.lower()
    if status == A.CANCELLED:
        said = f"cancelled by {CancelledBy(cancelled_by).label.lower()}"
    on_both_sides(
        actor=actor,
        referral=referral,
        action="appointment imported",
        detail=f"{on:%d/%m/%Y} at {at:%H:%M} with {name}, {place.strip()}: {said}",
        check=lambda copy: journey_referral_check(referral=copy),
        write=write,
        moves=lambda copy: journey_moves(copy, booked=True, started=status == A.ATTENDED),
    )
    return result["appointment"]

"""The provider books appointments and records, on the day, what happened. Every change
is copied to the referring borough through the exchange (customers.services.both_sides).
Refused changes say why and change nothing."""

import uuid
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from casework.tracking import attributed
from customers import policy
from customers.models import (
    Appointment,
    AppointmentStatus,
    CancelledBy,
    OutcomeStep,
    StepKind,
)
from customers.services.both_sides import journey_moves, on_both_sides
from referrals import notify
from referrals.models import Direction, Referral, ReferralStatus
from referrals.types import EMPLOYMENT_SUPPORT
from tenants.accounts import capabilities as cap

A = AppointmentStatus
ACTIONS = {
    A.ATTENDED: "attended appointment",
    A.DID_NOT_ATTEND: "did not attend appointment",
    A.RESCHEDULED: "appointment rescheduled",
    A.CANCELLED: "appointment cancelled",
}


def journey_referral_check(*, referral: Referral) -> None:
    """Appointments and outcome steps are recorded on a received employment support
    referral while it is open, nowhere else."""
    if referral.direction != Direction.RECEIVED or referral.referral_type != EMPLOYMENT_SUPPORT:
        raise ValidationError({"referral": "Only a received employment support referral."})
    if not referral.is_open:
        raise ValidationError(
            {
                "referral": f"This referral is {referral.get_status_display().lower()}: "
                "nothing more can be recorded on it."
            }
        )


def _adviser_label(adviser, adviser_name: str) -> str:
    return adviser.get_full_name() if adviser is not None else adviser_name


def appointment_fields_check(
    *, on: date | None, at: time | None, adviser, place: str, adviser_name: str = "", past=False
) -> dict:
    """An appointment's date, time, adviser and place, checked (errors by field): booking
    and moving one refuse a past date; an imported one already held (`past`) takes it, and
    an adviser named in words who is not a user here."""
    errors = {}
    if on is None:
        errors["on"] = "Enter the appointment date."
    elif on < timezone.localdate() and not past:
        errors["on"] = "The appointment date cannot be in the past."
    if at is None:
        errors["at"] = "Enter the appointment time."
    if adviser is None and not (past and adviser_name.strip()):
        errors["adviser"] = "Choose the adviser."
    if not place.strip():
        errors["place"] = "Enter where the appointment is."
    elif len(place.strip()) > 200:
        errors["place"] = "Keep the place to 200 characters or fewer."
    return errors


def appointment_status_too_early(on: date, status: str, today: date) -> dict:
    """Attended or missed is recorded on the day or after it, never before."""
    if status in (A.ATTENDED, A.DID_NOT_ATTEND) and on > today:
        label = "attended" if status == A.ATTENDED else "missed"
        return {
            "status": f"The appointment is on {on:%d/%m/%Y}: it cannot be "
            f"recorded as {label} before then."
        }
    return {}


@attributed
def appointment_book(
    *, actor, referral: Referral, on: date | None, at: time | None, adviser, place: str
) -> Appointment:
    """The provider contacted the resident and booked."""
    policy.check_record_outcomes(actor)
    errors = appointment_fields_check(on=on, at=at, adviser=adviser, place=place)
    if errors:
        raise ValidationError(errors)
    booked = {}

    def write(copy):
        if copy.direction == Direction.RECEIVED:
            booked["appointment"] = Appointment.objects.create(
                referral=copy,
                on=on,
                at=at,
                adviser=adviser,
                adviser_name=adviser.get_full_name(),
                place=place.strip()[:200],
                booked_by_name=actor.get_full_name(),
            )

    on_both_sides(
        actor=actor,
        referral=referral,
        action="appointment booked",
        detail=f"{on:%d/%m/%Y} at {at:%H:%M} with {adviser.get_full_name()}, {place.strip()}",
        check=lambda copy: journey_referral_check(referral=copy),
        write=write,
        moves=lambda copy: journey_moves(copy, booked=True),
    )
    return booked["appointment"]


@attributed
def appointment_update(
    *,
    actor,
    appointment: Appointment,
    on: date | None,
    at: time | None,
    adviser,
    place: str,
    reason: str = "",
) -> Appointment:
    """Before the day, correct or move an appointment's date, time, adviser or place.
    The referring borough sees the change as an event on its copy."""
    policy.check_record_outcomes(actor)
    today = timezone.localdate()
    errors = appointment_fields_check(on=on, at=at, adviser=adviser, place=place)
    if errors:
        raise ValidationError(errors)
    result = {}

    def check(copy):
        current = Appointment.objects.select_for_update().get(pk=appointment.pk)
        refusal = policy.appointment_change_refusal(current, today)
        if refusal:  # said first: a cancellation may be what closed the referral
            raise ValidationError(refusal)
        journey_referral_check(referral=copy)
        result["before"] = f"{current.on:%d/%m/%Y} at {current.at:%H:%M}"
        result["appointment"] = current

    def write(copy):
        if copy.direction != Direction.RECEIVED:
            return
        current = result["appointment"]
        current.on, current.at, current.place = on, at, place.strip()
        current.adviser, current.adviser_name = adviser, adviser.get_full_name()
        current.save()

    on_both_sides(
        actor=actor,
        referral=appointment.referral,
        action="appointment changed",
        detail=f"Now {on:%d/%m/%Y} at {at:%H:%M} with {adviser.get_full_name()}, {place.strip()}",
        check=check,
        write=write,
    )
    return result["appointment"]


def _refuse(appointment: Appointment, status: str, today: date) -> None:
    if appointment.status != A.BOOKED:
        raise ValidationError(
            {
                "status": f"This appointment is {appointment.get_status_display().lower()}: "
                "its status cannot be changed."
            }
        )
    too_early = appointment_status_too_early(appointment.on, status, today)
    if too_early:
        raise ValidationError(too_early)


@attributed
def appointment_record_status(
    *,
    actor,
    appointment: Appointment,
    status: str,
    new_on: date | None = None,
    new_at: time | None = None,
    cancelled_by: str = "",
) -> Appointment:
    """Attended, did not attend, rescheduled (a new appointment on the new date) or
    cancelled (by whom). Attending the first time also ticks the checklist's first step."""
    policy.check_record_outcomes(actor)
    today = timezone.localdate()
    errors = {}
    if status not in (A.ATTENDED, A.DID_NOT_ATTEND, A.RESCHEDULED, A.CANCELLED):
        errors["status"] = "Choose what happened."
    if status == A.RESCHEDULED:
        if new_on is None:
            errors["new_on"] = "Enter the new date."
        elif new_on < today:
            errors["new_on"] = "The new date cannot be in the past."
    if status == A.CANCELLED and cancelled_by not in CancelledBy.values:
        errors["cancelled_by"] = "Choose who cancelled."
    if errors:
        raise ValidationError(errors)
    result = {"first_step_id": uuid.uuid4()}  # one id for the first step on both copies

    def check(copy):
        current = Appointment.objects.select_for_update().get(pk=appointment.pk)
        _refuse(current, status, today)  # the appointment's own state says most
        journey_referral_check(referral=copy)
        result["appointment"] = current

    def write(copy):
        if copy.direction != Direction.RECEIVED:
            if (
                status == A.ATTENDED
                and not OutcomeStep.objects.filter(
                    referral=copy, kind=StepKind.FIRST_ATTENDED
                ).exists()
            ):
                first_attended_step(copy, result["appointment"].on, actor, result["first_step_id"])
            return
        current = result["appointment"]
        current.status = status
        current.status_recorded_at = timezone.now()
        current.status_recorded_by_name = actor.get_full_name()
        if status == A.CANCELLED:
            current.cancelled_by = cancelled_by
        if status == A.RESCHEDULED:
            current.rescheduled_to = Appointment.objects.create(
                referral=copy,
                on=new_on,
                at=new_at or current.at,
                adviser=current.adviser,
                adviser_name=current.adviser_name,
                place=current.place,
                booked_by_name=actor.get_full_name(),
            )
        current.save()
        if (
            status == A.ATTENDED
            and not OutcomeStep.objects.filter(referral=copy, kind=StepKind.FIRST_ATTENDED).exists()
        ):
            first_attended_step(copy, current.on, actor, result["first_step_id"])

    def moves(copy):
        if status == A.ATTENDED:
            return journey_moves(copy, started=True)
        if status == A.CANCELLED and _cancellation_ends(copy, result["appointment"]):
            text = _status_text(appointment, status, new_on, new_at, cancelled_by)
            return journey_moves(copy, ended=f"Ended: {text[0].lower()}{text[1:]}")
        return None

    on_both_sides(
        actor=actor,
        referral=appointment.referral,
        action=ACTIONS[status],
        detail=_status_text(appointment, status, new_on, new_at, cancelled_by),
        check=check,
        write=write,
        moves=moves,
    )
    return result["appointment"]


def _cancellation_ends(received: Referral, cancelled: Appointment) -> bool:
    """A cancellation ends the journey when nothing else is booked and the work has not
    started (once the first appointment was attended, the checklist carries it on)."""
    if received.status == ReferralStatus.IN_PROGRESS:
        return False
    others = Appointment.objects.filter(referral=received, status=A.BOOKED)
    return not others.exclude(pk=cancelled.pk).exists()


def first_attended_step(copy: Referral, on: date, actor, public_id: uuid.UUID) -> None:
    """The checklist's first step, ticked when the first appointment is attended."""
    OutcomeStep.objects.create(
        public_id=public_id,
        referral=copy,
        kind=StepKind.FIRST_ATTENDED,
        on=on,
        summary=f"{StepKind.FIRST_ATTENDED.label} ({on:%d/%m/%Y})",
        recorded_by_name=actor.get_full_name(),
    )


def _status_text(appointment, status, new_on, new_at, cancelled_by) -> str:
    when = f"The appointment of {appointment.on:%d/%m/%Y} at {appointment.at:%H:%M}"
    if status == A.RESCHEDULED:
        at = new_at or appointment.at
        return f"{when} moved to {new_on:%d/%m/%Y} at {at:%H:%M}."
    if status == A.CANCELLED:
        return f"{when} was cancelled by {CancelledBy(cancelled_by).label.lower()}."
    return f"{when}: {A(status).label.lower()}."


@attributed
def appointments_flag_missing(*, today: date | None = None) -> int:
    """The day after an appointment with no status: flagged once, and its adviser (or,
    for a booking without one, every adviser) is told. Run by beat in every partner."""
    if connection.schema_name == "public" or not _has_table():
        return 0
    today = today or timezone.localdate()
    flagged = 0
    from customers.selectors_queues import appointments_without_status

    due = appointments_without_status(
        Appointment.objects.filter(missing_flagged_at__isnull=True), today=today
    ).values_list("pk", flat=True)
    for pk in due:
        with transaction.atomic():
            appointment = (
                Appointment.objects.select_for_update()
                .filter(pk=pk, status=A.BOOKED, missing_flagged_at__isnull=True)
                .first()
            )
            if appointment is None:
                continue
            appointment.missing_flagged_at = timezone.now()
            appointment.save(update_fields=["missing_flagged_at"])
            if appointment.adviser is not None and appointment.adviser.is_active:
                recipients = [appointment.adviser]
            else:
                recipients = list(notify.users_with(cap.RECORD_OUTCOMES))
            notify.notify(
                recipients=recipients,
                title=f"Record what happened at the appointment of {appointment.on:%d/%m/%Y}",
                body=f"{appointment.at:%H:%M}, {appointment.place}: no status recorded yet.",
                link_url=reverse(
                    "journey_provider", kwargs={"public_id": appointment.referral.public_id}
                ),
                dedupe_key=f"appointment-missing:{appointment.public_id}",
            )
            flagged += 1
    return flagged


def _has_table() -> bool:
    return Appointment._meta.db_table in connection.introspection.table_names()

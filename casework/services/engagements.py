"""Engagements and the work recorded in them: deliveries (one or many at once) and
consultations. A closed engagement takes no new work."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from casework import policy
from casework.models import (
    ENDED_STAGES,
    Attendance,
    CaseworkEvent,
    Consultation,
    ConsultationMethod,
    ConsultationParticipant,
    Contact,
    ContactKind,
    Engagement,
    Programme,
    Service,
    ServiceDelivery,
    Stage,
)
from casework.services.catalogue import programme_create, service_create  # noqa: F401
from casework.services.sharing import engagement_reassign, engagement_share  # noqa: F401
from casework.tracking import attributed

CLOSED_MESSAGE = (
    "This engagement is closed, so it takes no new work. "
    "Open a new engagement for new work, even with no gap."
)


@attributed
def engagement_open(
    *,
    actor,
    contact: Contact,
    programme: Programme,
    start_date: date,
    stage: str = Stage.IN_PROGRESS,
    referral_source: str = "",
    referral_date: date | None = None,
    referral_reason: str = "",
) -> Engagement:
    policy.check_record_casework(actor)
    errors = engagement_open_fields_check(
        contact=contact,
        programme=programme,
        start_date=start_date,
        stage=stage,
        referral_date=referral_date,
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        engagement = engagement_built(
            actor=actor,
            contact=contact,
            programme=programme,
            start_date=start_date,
            stage=stage,
            referral_source=referral_source,
            referral_date=referral_date,
            referral_reason=referral_reason,
        )
        engagement.save()
        engagement_opened_event(actor, engagement).save()
    return engagement


def engagement_open_fields_check(
    *, contact: Contact, programme: Programme, start_date, stage: str, referral_date
) -> dict:
    """A new engagement's details checked (errors by field): engagement_open's rules, and
    an import's batch's (casework.imports.bulk_engagements), so both say the same."""
    errors = {}
    if contact.kind != ContactKind.CHILD:
        errors["contact"] = (
            "Engagements are for children: open it on the child's record, not the adult's."
        )
    if not programme.is_active:
        errors["programme"] = "This programme is no longer running."
    if stage in ENDED_STAGES or stage not in Stage.values:
        errors["stage"] = "A new engagement starts as applied, waitlisted or in progress."
    if not start_date:
        errors["start_date"] = "Enter the start date."
    if referral_date and start_date and referral_date > start_date:
        errors["referral_date"] = "The referral date cannot be after the start date."
    return errors


def engagement_built(
    *, actor, contact, programme, start_date, stage, referral_source, referral_date, referral_reason
) -> Engagement:
    """A new engagement as engagement_open saves it (the actor its owner), not saved."""
    return Engagement(
        contact=contact,
        programme=programme,
        start_date=start_date,
        stage=stage,
        referral_source=referral_source.strip(),
        referral_date=referral_date,
        referral_reason=referral_reason.strip(),
        owner=actor,
    )


def engagement_opened_event(actor, engagement: Engagement) -> CaseworkEvent:
    """The engagement's log says who opened it (not saved)."""
    return CaseworkEvent(actor=actor, engagement=engagement, action="engagement.open")


def _locked_open_engagement(actor, engagement: Engagement) -> Engagement:
    engagement_seen_check(actor, engagement)
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    engagement_open_check(engagement)
    return engagement


def engagement_seen_check(actor, engagement: Engagement) -> None:
    """Sessions are recorded only on an engagement the actor may see (an import's batch
    asks it, and engagement_open_check, of the engagements it has locked)."""
    if not policy.can_see_engagement(actor, engagement):
        raise policy.CaseworkRefused("You cannot see this engagement.")


def engagement_open_check(engagement: Engagement) -> None:
    if not engagement.is_open:
        raise ValidationError({"engagement": CLOSED_MESSAGE})


ENGAGEMENT_DETAILS = (
    "referral_source",
    "referral_date",
    "referral_reason",
    "programme",
    "start_date",
    "stage",
    "closed_on",
)


@attributed
def engagement_update(*, actor, engagement: Engagement, reason: str = "", **changes) -> Engagement:
    """Change an engagement's referral details, programme, start date, or its stage while
    open (closing is engagement_close). Once ended, only a manager, with a reason, and
    its end date may be corrected too. Only the details given change."""
    policy.check_record_casework(actor)
    unknown = set(changes) - set(ENGAGEMENT_DETAILS)
    if unknown:
        raise ValidationError({field: "This detail cannot be changed here." for field in unknown})
    with transaction.atomic():
        engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
        policy.check_edit_engagement(actor, engagement)
        values = {field: getattr(engagement, field) for field in ENGAGEMENT_DETAILS} | changes
        errors = {}
        if values["programme"] is None or (
            values["programme"] != engagement.programme and not values["programme"].is_active
        ):
            errors["programme"] = "Choose a programme that is running."
        if engagement.is_open:
            if values["stage"] not in Stage.values or values["stage"] in ENDED_STAGES:
                errors["stage"] = (
                    "Choose applied, waitlisted or in progress (to end it, close the engagement)."
                )
            if values["closed_on"] is not None:
                errors["closed_on"] = "An open engagement has no end date."
        elif values["stage"] != engagement.stage:
            errors["stage"] = "An engagement that has ended stays ended: open a new one."
        elif not values["closed_on"]:
            errors["closed_on"] = "Enter the date the engagement closed."
        start = values["start_date"]
        if not start:
            errors["start_date"] = "Enter the start date."
        else:
            first = (
                engagement.deliveries.filter(removed_at__isnull=True)
                .order_by("date")
                .values_list("date", flat=True)
                .first()
            )
            if first and start > first:
                errors["start_date"] = (
                    f"The start date cannot be after its first session ({first:%d/%m/%Y})."
                )
            if values["referral_date"] and values["referral_date"] > start:
                errors["referral_date"] = "The referral date cannot be after the start date."
            if values["closed_on"] and values["closed_on"] < start:
                errors["closed_on"] = "The closing date cannot be before the start date."
        if errors:
            raise ValidationError(errors)
        policy.check_reason(
            policy.engagement_change_needs_reason(engagement),
            reason,
            why="the engagement has ended",
        )
        for field in ENGAGEMENT_DETAILS:
            value = values[field]
            setattr(engagement, field, value.strip() if isinstance(value, str) else value)
        engagement.save(update_fields=list(ENGAGEMENT_DETAILS))
    return engagement


@attributed
def engagement_close(
    *, actor, engagement: Engagement, closed_on: date | None, stage: str = Stage.CLOSED
) -> Engagement:
    policy.check_record_casework(actor)
    if stage not in ENDED_STAGES:
        raise ValidationError({"stage": "Close as closed or withdrawn."})
    if not closed_on:
        raise ValidationError({"closed_on": "Enter the date the engagement closed."})
    with transaction.atomic():
        engagement = _locked_open_engagement(actor, engagement)
        if closed_on < engagement.start_date:
            raise ValidationError(
                {"closed_on": "The closing date cannot be before the start date."}
            )
        engagement.stage = stage
        engagement.closed_on = closed_on
        engagement.save(update_fields=["stage", "closed_on"])
        CaseworkEvent.objects.create(
            actor=actor, engagement=engagement, action="engagement.close", detail=stage
        )
    return engagement


def check_delivery_fields(
    *,
    engagement_start: date,
    service: Service | None,
    on: date | None,
    attendance: str,
    duration_minutes,
    quantity,
    service_kept: bool = False,
) -> dict:
    errors = {}
    if service is None or not (service.is_active or service_kept):
        errors["service"] = "Choose a service."
    if not on:
        errors["date"] = "Enter the date of the session."
    elif on > date.today():
        errors["date"] = "A delivery cannot be recorded for a future date."
    elif on < engagement_start:
        errors["date"] = "The session cannot be before the engagement started."
    if attendance not in Attendance.values:
        errors["attendance"] = "Choose attended, absent or excused."
    for field, value in (("duration_minutes", duration_minutes), ("quantity", quantity)):
        if value is not None and (value < 0 or value > 100_000):
            errors[field] = "Enter a number between 0 and 100,000."
    return errors


@attributed
def delivery_create(
    *,
    actor,
    engagement: Engagement,
    service: Service,
    on: date,
    attendance: str = Attendance.ATTENDED,
    duration_minutes: int | None = None,
    quantity: int | None = None,
    summary: str = "",
) -> ServiceDelivery:
    policy.check_record_casework(actor)
    with transaction.atomic():
        engagement = _locked_open_engagement(actor, engagement)
        errors = check_delivery_fields(
            engagement_start=engagement.start_date,
            service=service,
            on=on,
            attendance=attendance,
            duration_minutes=duration_minutes,
            quantity=quantity,
        )
        if errors:
            raise ValidationError(errors)
        delivery = delivery_built(
            actor=actor,
            engagement=engagement,
            service=service,
            on=on,
            attendance=attendance,
            duration_minutes=duration_minutes,
            quantity=quantity,
            summary=summary,
        )
        delivery.save()
        return delivery


def delivery_built(
    *, actor, engagement, service, on, attendance, duration_minutes, quantity, summary
) -> ServiceDelivery:
    """A session as delivery_create saves it, not saved (an import's batch saves many at
    once): checked first by check_delivery_fields, on an engagement locked and open."""
    return ServiceDelivery(
        engagement=engagement,
        service=service,
        date=on,
        attendance=attendance,
        duration_minutes=duration_minutes,
        quantity=quantity,
        summary=summary.strip(),
        recorded_by=actor,
    )


@attributed
def consultation_create(
    *,
    actor,
    engagement: Engagement,
    on: date,
    method: str,
    held_with: str = "",
    notes: str,
    held_with_contacts: list[Contact] = (),
) -> Consultation:
    """Held with contacts (the child's family, other contacts) and/or people who are not
    contacts, named in words ("school nurse")."""
    policy.check_record_casework(actor)
    errors = {}
    if not on:
        errors["date"] = "Enter the date."
    elif on > date.today():
        errors["date"] = "A consultation cannot be recorded for a future date."
    if method not in ConsultationMethod.values:
        errors["method"] = "Choose meeting, phone, email or conversation."
    people = list({c.pk: c for c in held_with_contacts}.values())
    if not held_with.strip() and not people:
        errors["held_with"] = (
            "Say who it was held with: choose contacts, or type who it was (one or more people)."
        )
    if not notes.strip():
        errors["notes"] = "Enter the notes."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        engagement = _locked_open_engagement(actor, engagement)
        consultation = Consultation.objects.create(
            engagement=engagement,
            date=on,
            method=method,
            held_with=held_with.strip(),
            notes=notes.strip(),
            recorded_by=actor,
        )
        ConsultationParticipant.objects.bulk_create(
            ConsultationParticipant(consultation=consultation, contact=contact)
            for contact in people
        )
    return consultation

"""Putting consultations right: change one, add a contact it was held with who was left
out, remove one (or one of its people) entered in error. Who may, and when a reason is
needed, is casework.policy's; the reason is kept with the change on the History tab."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from casework import policy
from casework.models import (
    Consultation,
    ConsultationMethod,
    ConsultationParticipant,
    Contact,
    Engagement,
)
from casework.services.removal import mark_removed
from casework.tracking import attributed

CONSULTATION_DETAILS = ("date", "method", "held_with", "notes")
REMOVED_MESSAGE = "This consultation has been removed, so it cannot be changed."


def _locked(consultation: Consultation) -> tuple[Consultation, Engagement]:
    engagement = Engagement.objects.select_for_update().get(pk=consultation.engagement_id)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.is_removed:
        raise ValidationError({"consultation": REMOVED_MESSAGE})
    return consultation, engagement


@attributed
def consultation_update(
    *, actor, consultation: Consultation, reason: str = "", **changes
) -> Consultation:
    """Change a consultation's date, how it was held, who with (in words) or its notes;
    only the details given change."""
    policy.check_record_casework(actor)
    unknown = set(changes) - set(CONSULTATION_DETAILS)
    if unknown:
        raise ValidationError({field: "This detail cannot be changed here." for field in unknown})
    with transaction.atomic():
        consultation, engagement = _locked(consultation)
        policy.check_edit_engagement(actor, engagement)
        values = {field: getattr(consultation, field) for field in CONSULTATION_DETAILS} | changes
        errors = {}
        if not values["date"]:
            errors["date"] = "Enter the date."
        elif values["date"] > date.today():
            errors["date"] = "A consultation cannot be recorded for a future date."
        if values["method"] not in ConsultationMethod.values:
            errors["method"] = "Choose meeting, phone, email or conversation."
        held_with = (values["held_with"] or "").strip()
        if not held_with and not consultation.participants.current().exists():
            errors["held_with"] = "Say who it was held with (one or more people)."
        if not (values["notes"] or "").strip():
            errors["notes"] = "Enter the notes."
        if errors:
            raise ValidationError(errors)
        policy.check_reason(
            policy.engagement_change_needs_reason(engagement),
            reason,
            why="the engagement has ended",
        )
        for field in CONSULTATION_DETAILS:
            value = values[field]
            setattr(consultation, field, value.strip() if isinstance(value, str) else value)
        consultation.save(update_fields=list(CONSULTATION_DETAILS))
    return consultation


@attributed
def consultation_remove(*, actor, consultation: Consultation, reason: str) -> Consultation:
    """A consultation entered in error is removed with a reason: kept with who removed it
    and why, left out of everything else."""
    policy.check_record_casework(actor)
    with transaction.atomic():
        consultation, engagement = _locked(consultation)
        policy.check_edit_engagement(actor, engagement)
        policy.check_removal_reason(reason)
        mark_removed(consultation, actor=actor, reason=reason)
    return consultation


@attributed
def consultation_participant_add(
    *, actor, consultation: Consultation, contact: Contact, reason: str = ""
) -> ConsultationParticipant:
    """A contact the consultation was held with who was left out when it was recorded."""
    policy.check_record_casework(actor)
    with transaction.atomic():
        consultation, engagement = _locked(consultation)
        policy.check_edit_engagement(actor, engagement)
        if contact is None or contact.is_removed:
            raise ValidationError({"contact": "Choose who to add."})
        if consultation.participants.current().filter(contact=contact).exists():
            raise ValidationError(
                {"contact": f"It is already recorded as held with {contact.display_name}."}
            )
        policy.check_reason(
            policy.engagement_change_needs_reason(engagement),
            reason,
            why="the engagement has ended",
        )
        return ConsultationParticipant.objects.create(consultation=consultation, contact=contact)


@attributed
def consultation_participant_remove(
    *, actor, consultation: Consultation, contact: Contact, reason: str
) -> ConsultationParticipant:
    """A contact recorded in error as one the consultation was held with: removed with a
    reason, kept on History. Someone must stay: a contact, or people named in words."""
    policy.check_record_casework(actor)
    with transaction.atomic():
        consultation, engagement = _locked(consultation)
        policy.check_edit_engagement(actor, engagement)
        current = consultation.participants.current().select_for_update()
        participant = current.filter(contact=contact).first()
        if participant is None:
            raise ValidationError(
                {"contact": "This person is not recorded as one it was held with."}
            )
        policy.check_removal_reason(reason)
        if not consultation.held_with.strip() and not current.exclude(pk=participant.pk).exists():
            raise ValidationError(
                {
                    "contact": f"{contact.display_name} is the only one it is recorded as held "
                    "with: add who it was really held with first."
                }
            )
        return mark_removed(participant, actor=actor, reason=reason)

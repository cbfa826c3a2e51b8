"""Recording incidents: raise one (a high-severity one tells the reporter's line manager
and the designated safeguarding leads, once it is committed), correct one with a reason
(History keeps both versions), and keep the partner's list of incident types."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casework.incidents import policy
from casework.incidents.models import Incident, IncidentType, Severity
from casework.models import Contact
from casework.tracking import attributed
from casework.worklist.services import notification_send
from casework.worklist.subjects import person_initials

FUTURE_SLACK = timedelta(minutes=10)
EARLIEST_YEAR = 1900
LONG_TEXT = 20_000
DETAILS = (
    "happened_at",
    "kind",
    "severity",
    "location",
    "description",
    "people_named",
    "immediate_action",
    "follow_up_needed",
)


def _cleaned(
    *,
    happened_at,
    kind,
    severity,
    description,
    location="",
    people_named="",
    immediate_action="",
    follow_up_needed=False,
    retired_kind_kept=False,
) -> dict:
    """The incident's details, or a ValidationError naming each field that is wrong. A
    retired type is accepted only when it is the one the incident already has."""
    errors = {}
    texts = {
        "location": (location or "").strip(),
        "description": (description or "").strip(),
        "people_named": (people_named or "").strip(),
        "immediate_action": (immediate_action or "").strip(),
    }
    if isinstance(happened_at, datetime) and timezone.is_naive(happened_at):
        try:
            happened_at = timezone.make_aware(happened_at)
        except (OverflowError, ValueError):
            happened_at = None
    if not isinstance(happened_at, datetime) or happened_at.year < EARLIEST_YEAR:
        errors["happened_at"] = "Enter the date and time it happened."
    elif happened_at > timezone.now() + FUTURE_SLACK:
        errors["happened_at"] = "The date and time it happened cannot be in the future."
    if not isinstance(kind, IncidentType) or not (kind.in_use or retired_kind_kept):
        errors["kind"] = "Choose the type of incident."
    if severity not in Severity.values:
        errors["severity"] = "Choose low, medium or high."
    if not texts["description"]:
        errors["description"] = "Describe what happened."
    for name, limit in (("location", 200), ("people_named", 500)):
        if len(texts[name]) > limit:
            errors[name] = f"Keep this under {limit} characters."
    for name in ("description", "immediate_action"):
        if len(texts[name]) > LONG_TEXT:
            errors[name] = f"Keep this under {LONG_TEXT:,} characters."
    if errors:
        raise ValidationError(errors)
    return {
        "happened_at": happened_at,
        "kind": kind,
        "severity": severity,
        **texts,
        "follow_up_needed": bool(follow_up_needed),
    }


def incident_url(incident) -> str:
    return reverse("incident_detail", args=[incident.public_id])


def _tell_those_who_must_know(actor, incident) -> None:
    """A high-severity incident: the reporter's line manager and every DSL hear of it
    (initials only: titles go into emails)."""
    from casework.safeguarding.selectors import dsls

    recipients = {u.pk: u for u in dsls()}
    if actor.line_manager_id:
        recipients[actor.line_manager_id] = actor.line_manager
    recipients.pop(actor.pk, None)
    for recipient in recipients.values():
        notification_send(
            recipient=recipient,
            title=f"High-severity incident: {incident.kind.name} ({person_initials(incident.contact)})",
            body=f"Recorded by {actor.get_full_name()}.",
            link_url=incident_url(incident),
            dedupe_key=f"incident:{incident.public_id}:high",
        )


@attributed
def incident_raise(
    *,
    actor,
    contact: Contact,
    happened_at: datetime,
    kind: IncidentType,
    severity: str,
    description: str,
    location: str = "",
    people: list[Contact] | tuple = (),
    people_named: str = "",
    immediate_action: str = "",
    follow_up_needed: bool = False,
) -> Incident:
    policy.check_raise_incident(actor)
    details = _cleaned(
        happened_at=happened_at,
        kind=kind,
        severity=severity,
        description=description,
        location=location,
        people_named=people_named,
        immediate_action=immediate_action,
        follow_up_needed=follow_up_needed,
    )
    with transaction.atomic():
        contact = Contact.objects.select_for_update().filter(pk=contact.pk).first()
        if contact is None or contact.is_removed:
            raise ValidationError({"contact": "This contact has been removed."})
        incident = Incident.objects.create(contact=contact, reported_by=actor, **details)
        involved = [p for p in people if p.pk != contact.pk and not p.is_removed]
        if involved:
            incident.people.set(involved)
        if incident.is_high:
            transaction.on_commit(lambda: _tell_those_who_must_know(actor, incident))
    return incident


@attributed
def incident_correct(*, actor, incident: Incident, reason: str, **changes) -> Incident:
    """Put an incident right: the details change, the reason and the version before are
    kept in its History. The people involved are replaced when `people` is given."""
    people = changes.pop("people", None)
    unknown = set(changes) - set(DETAILS)
    if unknown:
        raise ValidationError({name: "This cannot be changed on an incident." for name in unknown})
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the incident is being corrected."})
    with transaction.atomic():
        incident = Incident.objects.select_for_update(of=("self",)).get(pk=incident.pk)
        policy.check_correct_incident(actor, incident)
        current = {name: getattr(incident, name) for name in DETAILS}
        new_kind = changes.get("kind", incident.kind)
        details = _cleaned(
            **{**current, **changes},
            retired_kind_kept=getattr(new_kind, "pk", None) == incident.kind_id,
        )
        changed = [name for name in DETAILS if details[name] != getattr(incident, name)]
        for name in changed:
            setattr(incident, name, details[name])
        if changed:
            incident.save(update_fields=changed)
        if people is not None:
            incident.people.set([p for p in people if p.pk != incident.contact_id])
    return incident


@attributed
def incident_type_add(*, actor, name: str) -> IncidentType:
    policy.check_manage_types(actor)
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise ValidationError({"name": "Enter the type's name, up to 60 characters."})
    with transaction.atomic():
        if IncidentType.objects.filter(name__iexact=name).exists():
            raise ValidationError({"name": "There is already a type with this name."})
        last = IncidentType.objects.order_by("-position").values_list("position", flat=True).first()
        return IncidentType.objects.create(name=name, position=(last or 0) + 1)


@attributed
def incident_type_set_in_use(*, actor, incident_type: IncidentType, in_use: bool) -> IncidentType:
    """Retire a type (incidents that used it keep it) or bring it back."""
    policy.check_manage_types(actor)
    with transaction.atomic():
        incident_type = IncidentType.objects.select_for_update().get(pk=incident_type.pk)
        if incident_type.in_use != in_use:
            incident_type.in_use = in_use
            incident_type.save(update_fields=["in_use"])
    return incident_type

"""Reading incidents, filtered in SQL to what the user may see, in a fixed number of queries."""

import uuid

from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from casework.history import events_page, history_of
from casework.incidents import policy
from casework.incidents.models import Incident, IncidentEvent, IncidentType
from casework.models import Contact

RECENT = 5


def incidents_visible_to(*, user) -> QuerySet[Incident]:
    if not policy.can_see_incidents(user):
        return Incident.objects.none()
    return Incident.objects.filter(contact__removed_at__isnull=True)


def _listed(incidents: QuerySet[Incident]) -> QuerySet[Incident]:
    return incidents.select_related("kind", "reported_by", "contact").prefetch_related(
        Prefetch("people", queryset=Contact.objects.filter(removed_at__isnull=True))
    )


def incidents_on(*, user, contact) -> QuerySet[Incident]:
    return _listed(incidents_visible_to(user=user).filter(contact=contact))


def incidents_count(*, user, contact=None, engagement=None) -> int:
    if contact is None:
        return 0
    return incidents_visible_to(user=user).filter(contact=contact).count()


def incidents_recent_on(*, user, contact) -> list[Incident]:
    """The contact's side panel: the latest few."""
    return list(
        incidents_visible_to(user=user).filter(contact=contact).select_related("kind")[:RECENT]
    )


def incidents_recent_for_home(*, user, since) -> QuerySet[Incident]:
    """For managers and DSLs: incidents since a date, the most serious first."""
    if not policy.answers_for_incidents(user):
        return Incident.objects.none()
    return (
        incidents_visible_to(user=user)
        .filter(happened_at__gte=since)
        .select_related("kind", "contact")
        .annotate(
            rank=Case(
                When(severity="high", then=Value(0)),
                When(severity="medium", then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "-happened_at")
    )


def incident_get(*, user, public_id) -> Incident | None:
    try:
        return _listed(incidents_visible_to(user=user)).filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def incident_history(*, user, public_id, page=1):
    incident = incident_get(user=user, public_id=public_id)
    if incident is None:
        return None
    events = history_of(IncidentEvent, tracks=incident)
    return incident, events_page(events, number=page, hide=("contact", "reported_by"))


def incident_types(*, user, in_use_only: bool = True) -> QuerySet[IncidentType]:
    if not policy.can_see_incidents(user):
        return IncidentType.objects.none()
    types = IncidentType.objects.all()
    return types.filter(in_use=True) if in_use_only else types


def contacts_by_ids(*, user, public_ids) -> list[Contact]:
    """The contacts named by these public ids that the user may see (others are ignored)."""
    from casework.selectors import contacts_visible_to

    ids = []
    for value in public_ids:
        try:
            ids.append(uuid.UUID(str(value)))
        except (ValueError, TypeError, AttributeError):
            continue
    return list(contacts_visible_to(user=user).filter(public_id__in=ids))

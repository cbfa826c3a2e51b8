"""Reads of single pieces of recorded work (a delivery, a consultation, a group
session's rows) for the screens that change them: visible only through an engagement
the user may see, and never once removed."""

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet

from casework import policy
from casework.history import events_page, history_of
from casework.models import Consultation, GroupSession, GroupSessionEvent, ServiceDelivery
from casework.selectors import consultations_visible_to, deliveries_visible_to


def delivery_get(*, user, public_id) -> ServiceDelivery | None:
    try:
        return (
            deliveries_visible_to(user=user)
            .select_related("engagement__programme", "engagement__contact", "group_session")
            .filter(public_id=public_id)
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        return None


def consultation_get(*, user, public_id) -> Consultation | None:
    try:
        return (
            consultations_visible_to(user=user)
            .select_related("engagement__programme", "engagement__contact")
            .filter(public_id=public_id)
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        return None


def group_session_get(*, user, public_id):
    """(session, its rows the user may see, how many rows they may not) or None when
    they may see none of it and did not record it."""
    try:
        session = GroupSession.objects.select_related("service").filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None
    if session is None or not policy.can_record_casework(user):
        return None
    rows = list(
        deliveries_visible_to(user=user)
        .filter(group_session=session)
        .select_related("engagement__programme", "engagement__owner")
        .order_by("engagement__contact__last_name", "engagement__contact__first_name", "id")
    )
    hidden = ServiceDelivery.objects.filter(
        group_session=session, removed_at__isnull=True
    ).count() - len(rows)
    if not rows and session.recorded_by_id != user.pk:
        return None
    return session, rows, hidden


def group_sessions_visible_to(*, user) -> QuerySet[GroupSession]:
    """group_session_get's rule in SQL: sessions the user recorded or has a row of."""
    if not policy.can_record_casework(user):
        return GroupSession.objects.none()
    rows = deliveries_visible_to(user=user).filter(group_session=OuterRef("pk"))
    return GroupSession.objects.filter(Q(recorded_by=user) | Exists(rows))


def group_session_history(*, session: GroupSession, page=1):
    """The session's own changes (its attendees not recorded by name), for those who may
    see it (group_session_get decides); its rows' changes are on their engagements."""
    return events_page(history_of(GroupSessionEvent, tracks=session), number=page)

"""Putting recorded sessions right: change a delivery (one session, or one row of a
group session) or remove one entered in error. Who may, and when a reason is needed,
is casework.policy's; the reason is kept with the change on the History tab."""

from django.core.exceptions import ValidationError
from django.db import transaction

from casework import policy
from casework.models import Engagement, GroupSession, ServiceDelivery
from casework.services.engagements import check_delivery_fields
from casework.services.removal import mark_removed
from casework.tracking import attributed

DELIVERY_DETAILS = ("service", "date", "attendance", "duration_minutes", "quantity", "summary")
REMOVED_MESSAGE = "This delivery has been removed, so it cannot be changed."
GROUP_ROW_FIXED = (
    "This session was recorded for a group: its service and date are the group session's "
    "(change them on the group session)."
)


def _locked(delivery: ServiceDelivery) -> tuple[ServiceDelivery, Engagement]:
    """The delivery and its engagement, locked (engagement first, as recording does)."""
    engagement = Engagement.objects.select_for_update().get(pk=delivery.engagement_id)
    delivery = ServiceDelivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.is_removed:
        raise ValidationError({"delivery": REMOVED_MESSAGE})
    return delivery, engagement


@attributed
def delivery_update(
    *, actor, delivery: ServiceDelivery, reason: str = "", **changes
) -> ServiceDelivery:
    """Change a recorded session; only the details given change. A group session's row
    keeps the group's service and date."""
    policy.check_record_casework(actor)
    unknown = set(changes) - set(DELIVERY_DETAILS)
    if unknown:
        raise ValidationError({field: "This detail cannot be changed here." for field in unknown})
    with transaction.atomic():
        delivery, engagement = _locked(delivery)
        policy.check_edit_engagement(actor, engagement)
        values = {field: getattr(delivery, field) for field in DELIVERY_DETAILS} | changes
        errors = {}
        if delivery.group_session_id:
            for field in ("service", "date"):
                if field in changes and values[field] != getattr(delivery, field):
                    errors[field] = GROUP_ROW_FIXED
        errors = (
            check_delivery_fields(
                engagement_start=engagement.start_date,
                service=values["service"],
                on=values["date"],
                attendance=values["attendance"],
                duration_minutes=values["duration_minutes"],
                quantity=values["quantity"],
                # A service that has since ended stays on the sessions given under it.
                service_kept=values["service"] == delivery.service,
            )
            | errors
        )
        if errors:
            raise ValidationError(errors)
        policy.check_reason(
            policy.delivery_change_needs_reason(engagement, delivery.date, values["date"]),
            reason,
            why=_why(engagement),
        )
        for field in DELIVERY_DETAILS:
            value = values[field]
            setattr(delivery, field, value.strip() if isinstance(value, str) else value)
        delivery.save(update_fields=list(DELIVERY_DETAILS))
    return delivery


@attributed
def delivery_remove(*, actor, delivery: ServiceDelivery, reason: str) -> ServiceDelivery:
    """A session entered in error (the wrong child, day or service) is removed with a
    reason: kept with who removed it and why, left out of everything else."""
    policy.check_record_casework(actor)
    with transaction.atomic():
        delivery, engagement = _locked(delivery)
        policy.check_edit_engagement(actor, engagement)
        policy.check_removal_reason(reason)
        mark_removed(delivery, actor=actor, reason=reason)
    return delivery


GROUP_SESSION_DETAILS = ("service", "date", "anonymous_attendees")


@attributed
def group_session_update(
    *, actor, session: GroupSession, reason: str = "", **changes
) -> GroupSession:
    """A group session's service, date, or the attendees it had without being recorded by
    name; only the details given change. Each client's row follows the session's service
    and date, so whoever moves it must be allowed to change every row."""
    policy.check_record_casework(actor)
    unknown = set(changes) - set(GROUP_SESSION_DETAILS)
    if unknown:
        raise ValidationError({field: "This detail cannot be changed here." for field in unknown})
    with transaction.atomic():
        session = GroupSession.objects.select_for_update().get(pk=session.pk)
        policy.check_change_group_session(actor, session)
        values = {field: getattr(session, field) for field in GROUP_SESSION_DETAILS} | changes
        attendees = values["anonymous_attendees"]
        errors = {}
        if attendees is None or not 0 <= attendees <= 10_000:
            errors["anonymous_attendees"] = "Enter a number between 0 and 10,000."
        moved = values["service"] != session.service or values["date"] != session.date
        rows, engagements = _rows_locked(session) if moved else ([], {})
        policy.check_move_group_session(actor, engagements.values())
        for row in rows or [None]:
            engagement = engagements.get(row.engagement_id) if row else None
            problems = check_delivery_fields(
                engagement_start=engagement.start_date if engagement else values["date"],
                service=values["service"],
                on=values["date"],
                attendance=row.attendance if row else "attended",
                duration_minutes=None,
                quantity=None,
                service_kept=values["service"] == session.service,
            )
            for field in ("service", "date"):
                if field in problems and field not in errors:
                    whose = f"{engagement.contact.display_name}'s row: " if engagement else ""
                    errors[field] = f"{whose}{problems[field]}"
        if errors:
            raise ValidationError(errors)
        policy.check_reason(
            policy.session_needs_reason(session.date, values["date"])
            or any(policy.engagement_change_needs_reason(e) for e in engagements.values()),
            reason,
            why=f"sessions older than {policy.DELIVERY_REASON_DAYS} days, or in an "
            "engagement that has ended",
        )
        for field in GROUP_SESSION_DETAILS:
            setattr(session, field, values[field])
        session.save(update_fields=list(GROUP_SESSION_DETAILS))
        for row in rows:  # one event per row on its engagement's History, with the reason
            row.service, row.date = session.service, session.date
            row.save(update_fields=["service", "date"])
    return session


def _rows_locked(session: GroupSession):
    """The session's rows (not removed) and their engagements, locked engagements first
    as recording does."""
    rows = ServiceDelivery.objects.filter(group_session=session, removed_at__isnull=True)
    engagements = {
        e.pk: e
        for e in Engagement.objects.select_for_update(of=("self",))
        .filter(pk__in=rows.values("engagement_id"))
        .select_related("contact")
        .order_by("pk")
    }
    return list(rows.select_for_update().order_by("pk")), engagements


def _why(engagement) -> str:
    if not engagement.is_open:
        return "the engagement has ended"
    return f"the session is more than {policy.DELIVERY_REASON_DAYS} days old"

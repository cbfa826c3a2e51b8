"""Putting recorded sessions right: change a delivery (one session, or one row of a
group session) or remove one entered in error. Who may, and when a reason is needed,
is casework.policy's; the reason is kept with the change on the History tab."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casework import policy
from casework.models import Engagement, GroupSession, ServiceDelivery
from casework.services.engagements import check_delivery_fields
from casework.tracking import attributed

DELIVERY_DETAILS = ("service", "date", "attendance", "duration_minutes", "quantity", "summary")
REMOVED_MESSAGE = "This delivery has been removed, so it cannot be changed."
GROUP_ROW_FIXED = (
    "This session was recorded for a group: its service and date are the group session's."
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
        delivery.removed_at = timezone.now()
        delivery.removed_by = actor
        delivery.removal_reason = reason.strip()[:500]
        delivery.save(update_fields=["removed_at", "removed_by", "removal_reason"])
    return delivery


@attributed
def group_session_update(
    *, actor, session: GroupSession, anonymous_attendees: int, reason: str = ""
) -> GroupSession:
    """The attendees a group session had without being recorded by name."""
    policy.check_record_casework(actor)
    if anonymous_attendees is None or not 0 <= anonymous_attendees <= 10_000:
        raise ValidationError({"anonymous_attendees": "Enter a number between 0 and 10,000."})
    with transaction.atomic():
        session = GroupSession.objects.select_for_update().get(pk=session.pk)
        policy.check_change_group_session(actor, session)
        policy.check_reason(
            policy.session_needs_reason(session.date),
            reason,
            why=f"sessions older than {policy.DELIVERY_REASON_DAYS} days",
        )
        session.anonymous_attendees = anonymous_attendees
        session.save(update_fields=["anonymous_attendees"])
    return session


def _why(engagement) -> str:
    if not engagement.is_open:
        return "the engagement has ended"
    return f"the session is more than {policy.DELIVERY_REASON_DAYS} days old"

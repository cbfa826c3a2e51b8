"""Writing events: book one (or a weekly series), change or cancel one occurrence, record
attendance (which becomes service deliveries, all or nothing, through casework's group
session service), and issue or revoke the user's calendar address. Who may is policy's;
every change is kept by the change history, attributed to the actor."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casework.events import policy
from casework.events.models import (
    EVENT_CONTACTS_MAX,
    EVENT_STAFF_MAX,
    SERIES_WEEKS_MAX,
    CalendarFeed,
    Event,
    EventContact,
    EventKind,
    Presence,
)
from casework.models import Attendance, Contact, Engagement, Service
from casework.policy import can_see_engagement
from casework.services.group_sessions import BulkDeliveriesInvalid, BulkRow, deliveries_bulk_create
from casework.tracking import attributed
from tenants.input_rules import text_problem

# Attendance recorded from an event, as the delivery records it.
AS_DELIVERED = {
    Presence.ATTENDED: Attendance.ATTENDED,
    Presence.DID_NOT_ATTEND: Attendance.ABSENT,
    Presence.CANCELLED: Attendance.EXCUSED,
}
DETAILS = ("kind", "day", "start", "end", "place", "notes")
LONGEST_EVENT = timedelta(hours=12)


@dataclass
class Attendee:
    contact: Contact
    engagement: Engagement | None = None


def _when(day, at) -> datetime | None:
    if not isinstance(day, date) or not isinstance(at, time):
        return None
    try:
        return timezone.make_aware(datetime.combine(day, at))
    except (OverflowError, ValueError):
        return None


def _cleaned(*, kind, day, start, end, place, notes) -> dict:
    """The event's details, or a ValidationError naming each field that is wrong."""
    errors = {}
    place, notes = (place or "").strip(), (notes or "").strip()
    if kind not in EventKind.values:
        errors["kind"] = "Choose meeting, visit, session or appointment."
    if not isinstance(day, date) or day.year < 1900:
        errors["day"] = "Enter the date of the event."
    starts_at, ends_at = _when(day, start), _when(day, end)
    if "day" not in errors and starts_at is None:
        errors["start"] = "Enter the time it starts, like 10:00."
    if "day" not in errors and ends_at is None:
        errors["end"] = "Enter the time it ends, like 11:00."
    if starts_at and ends_at and not (starts_at < ends_at <= starts_at + LONGEST_EVENT):
        errors["end"] = "The end must be after the start, on the same day, within 12 hours."
    if len(place) > 200:
        errors["place"] = "Enter at most 200 characters."
    if len(notes) > 5000:
        errors["notes"] = "Enter at most 5,000 characters."
    for name, value in (("place", place), ("notes", notes)):
        if name not in errors and (problem := text_problem(value)):
            errors[name] = f"This {problem}."
    if errors:
        raise ValidationError(errors)
    return {
        "kind": kind,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": place,
        "notes": notes,
    }


def _people(actor, attendees: list[Attendee], staff: list) -> tuple[list[Attendee], list]:
    errors = {}
    if not attendees:
        errors["contacts"] = "Add at least one person the event is with."
    elif len(attendees) > EVENT_CONTACTS_MAX:
        errors["contacts"] = f"An event has at most {EVENT_CONTACTS_MAX} people."
    elif len({a.contact.pk for a in attendees}) != len(attendees):
        errors["contacts"] = "Each person can be on an event once."
    for a in attendees:
        if a.contact.removed_at is not None:
            errors["contacts"] = "One of these people has been removed."
        elif a.engagement is not None and (
            a.engagement.contact_id != a.contact.pk or not can_see_engagement(actor, a.engagement)
        ):
            errors["engagement"] = "Choose an engagement of that person that you can see."
    staff = list({member.pk: member for member in [actor, *staff]}.values())
    if len(staff) > EVENT_STAFF_MAX:
        errors["staff"] = f"An event has at most {EVENT_STAFF_MAX} staff."
    elif any(not member.is_active for member in staff):
        errors["staff"] = "Choose colleagues whose accounts are active."
    if errors:
        raise ValidationError(errors)
    return attendees, staff


@attributed
def event_create(
    *,
    actor,
    kind: str,
    day: date,
    start: time,
    end: time,
    attendees: list[Attendee],
    staff: list = (),
    place: str = "",
    notes: str = "",
    service: Service | None = None,
    weeks: int = 1,
) -> list[Event]:
    """Book an event, or a weekly series of `weeks` occurrences (each its own event,
    sharing a series id). The actor is always one of its staff."""
    policy.check_record_events(actor)
    errors = {}
    try:
        details = _cleaned(kind=kind, day=day, start=start, end=end, place=place, notes=notes)
    except ValidationError as exc:
        errors |= exc.message_dict
        details = None
    if not isinstance(weeks, int) or not (1 <= weeks <= SERIES_WEEKS_MAX):
        errors["weeks"] = f"Repeat weekly for 1 to {SERIES_WEEKS_MAX} weeks."
    if service is not None and not service.is_active:
        errors["service"] = "Choose a service that is still offered."
    try:
        attendees, staff = _people(actor, list(attendees), list(staff))
    except ValidationError as exc:
        errors |= exc.message_dict
    if errors:
        raise ValidationError(errors)
    series = uuid.uuid4() if weeks > 1 else None
    with transaction.atomic():
        made = []
        for week in range(weeks):
            shift = timedelta(weeks=week)
            event = Event.objects.create(
                **{
                    **details,
                    "starts_at": details["starts_at"] + shift,
                    "ends_at": details["ends_at"] + shift,
                },
                service=service,
                series=series,
                created_by=actor,
            )
            event.staff.set(staff)
            EventContact.objects.bulk_create(
                EventContact(event=event, contact=a.contact, engagement=a.engagement)
                for a in attendees
            )
            made.append(event)
        return made


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


@attributed
def event_update(*, actor, event: Event, **changes) -> Event:
    """Change one occurrence's details (its day, times, place, notes, type)."""
    unknown = set(changes) - set(DETAILS)
    if unknown:
        raise ValidationError({name: "This cannot be changed on an event." for name in unknown})
    policy.check_change_event(actor, event)
    with transaction.atomic():
        locked = _locked(event)
        if locked.is_cancelled:
            raise ValidationError({"event": "This event has been cancelled."})
        if locked.attendance_recorded_at:
            raise ValidationError({"event": "Attendance has been recorded: it took place."})
        local_start = timezone.localtime(locked.starts_at)
        current = {
            "kind": locked.kind,
            "day": local_start.date(),
            "start": local_start.time(),
            "end": timezone.localtime(locked.ends_at).time(),
            "place": locked.place,
            "notes": locked.notes,
        }
        details = _cleaned(**{**current, **changes})
        changed = [name for name, value in details.items() if getattr(locked, name) != value]
        for name in changed:
            setattr(locked, name, details[name])
        if changed:
            locked.save(update_fields=changed)
        return locked


@attributed
def event_cancel(*, actor, event: Event, reason: str) -> Event:
    """Cancel one occurrence, saying why (the rest of its series stays)."""
    policy.check_change_event(actor, event)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the event is cancelled."})
    if len(reason) > 500:
        raise ValidationError({"reason": "Enter at most 500 characters."})
    if problem := text_problem(reason):
        raise ValidationError({"reason": f"This {problem}."})
    with transaction.atomic():
        locked = _locked(event)
        if locked.is_cancelled:
            raise ValidationError({"event": "This event has already been cancelled."})
        if locked.attendance_recorded_at:
            raise ValidationError({"event": "Attendance has been recorded: it took place."})
        locked.cancelled_at = timezone.now()
        locked.cancel_reason = reason
        locked.save(update_fields=["cancelled_at", "cancel_reason"])
        return locked


@attributed
def attendance_record(*, actor, event: Event, presence: dict) -> Event:
    """Attendance per contact (contact pk → attended, did_not_attend or cancelled), all
    at once. When the event has a service, each attendee with an engagement gets a
    delivery of it, through the group session service: one bad row and nothing is saved
    (errors name the row's contact as `contact:<public id>`)."""
    policy.check_change_event(actor, event)
    with transaction.atomic():
        locked = _locked(event)
        if locked.is_cancelled:
            raise ValidationError({"event": "This event has been cancelled."})
        if locked.attendance_recorded_at:
            raise ValidationError({"event": "Attendance has already been recorded."})
        if locked.starts_at > timezone.now():
            raise ValidationError({"event": "Attendance is recorded once the event has started."})
        rows = list(locked.attendees.select_related("contact", "engagement"))
        errors = {}
        for row in rows:
            if presence.get(row.contact_id) not in Presence.values:
                errors[f"contact:{row.contact.public_id}"] = (
                    "Choose attended, did not attend or cancelled."
                )
        if set(presence) - {row.contact_id for row in rows}:
            errors["contacts"] = "Record attendance only for the people on the event."
        if errors:
            raise ValidationError(errors)
        delivered = [row for row in rows if locked.service_id and row.engagement_id]
        if delivered:
            minutes = int((locked.ends_at - locked.starts_at).total_seconds() // 60)
            day = timezone.localtime(locked.starts_at).date()
            try:
                deliveries = deliveries_bulk_create(
                    actor=actor,
                    rows=[
                        BulkRow(
                            engagement=row.engagement,
                            service=locked.service,
                            on=day,
                            attendance=AS_DELIVERED[presence[row.contact_id]],
                            duration_minutes=minutes,
                            summary=f"{locked.get_kind_display()} in the calendar",
                        )
                        for row in delivered
                    ],
                    group_service=locked.service if len(delivered) > 1 else None,
                    on=day if len(delivered) > 1 else None,
                )
            except BulkDeliveriesInvalid as exc:
                raise ValidationError(
                    {
                        f"contact:{delivered[index].contact.public_id}": " ".join(problems.values())
                        for index, problems in exc.row_errors.items()
                    }
                ) from exc
            for row, delivery in zip(delivered, deliveries, strict=True):
                row.delivery = delivery
        for row in rows:
            row.presence = presence[row.contact_id]
            row.save(update_fields=["presence", "delivery"])
        locked.attendance_recorded_at = timezone.now()
        locked.save(update_fields=["attendance_recorded_at"])
        return locked


@attributed
def calendar_feed_issue(*, actor) -> CalendarFeed:
    """A new secret calendar address for the actor (any older one stops working)."""
    policy.check_record_events(actor)
    with transaction.atomic():
        CalendarFeed.objects.select_for_update().filter(user=actor, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        return CalendarFeed.objects.create(user=actor)


@attributed
def calendar_feed_revoke(*, actor) -> int:
    """Stop the actor's calendar address working (it answers 404 from now on)."""
    with transaction.atomic():
        return CalendarFeed.objects.filter(user=actor, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )

"""Calendar mutations: book an event (or a weekly series), record attendance (deliveries,
all or nothing), cancel one occurrence, through the same services as the calendar
screens. Refusals come back as field errors."""

from datetime import date, time

import strawberry
from strawberry import relay
from strawberry.types import Info

from casework import selectors as casework_selectors
from casework.events import selectors, services
from casework.events.models import EVENT_CONTACTS_MAX, EVENT_STAFF_MAX
from casework.events.services import Attendee
from graphql_api.auth import check_can_write, user_of
from graphql_api.errors import INVALID, FieldError, not_found, payload_of
from graphql_api.events.types import EventType, as_events
from graphql_api.ids import by_global_id, public_id_of

# The service's field names in the input's words (`day` is `date`).
SERVICE_FIELDS = {
    "day": "date",
    "contacts": "attendees",
    "engagement": "attendees",
    "staff": "staffIds",
}


@strawberry.type
class EventPayload:
    event: EventType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class EventsPayload:
    events: list[EventType] = strawberry.field(
        default_factory=list, description="The event, or each week's occurrence of a series."
    )
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class EventAttendeeInput:
    contact_id: relay.GlobalID
    engagement_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Their engagement the event is part of (for deliveries)."
    )


@strawberry.input
class EventCreateInput:
    kind: str = strawberry.field(description="meeting, visit, session or appointment.")
    date: date
    start: time
    end: time
    attendees: list[EventAttendeeInput] = strawberry.field(
        description=f"The people it is with (1 to {EVENT_CONTACTS_MAX})."
    )
    staff_ids: list[relay.GlobalID] = strawberry.field(
        default_factory=list, description="Colleagues coming too (you always are)."
    )
    service_id: relay.GlobalID | None = None
    place: str = ""
    notes: str = ""
    weeks: int = strawberry.field(default=1, description="Repeat weekly for this many weeks.")


@strawberry.input
class PresenceInput:
    contact_id: relay.GlobalID
    presence: str = strawberry.field(description="attended, did_not_attend or cancelled.")


def _event(info, event_id):
    public_id = public_id_of(event_id, "Event")
    return selectors.event_get(user=user_of(info), public_id=public_id) if public_id else None


def _invalid(field: str, message: str) -> list[FieldError]:
    return [FieldError(field=field, message=message, code=INVALID)]


def _attendees(user, rows) -> tuple[list[Attendee], list[FieldError]]:
    contacts = casework_selectors.contacts_visible_to(user=user)
    engagements = casework_selectors.engagements_visible_to(user=user)
    found = []
    for index, row in enumerate(rows):
        contact = by_global_id(contacts, row.contact_id, "Contact")
        if contact is None:
            return [], not_found(f"attendees.{index}.contact_id", "contact")
        engagement = None
        if row.engagement_id is not None:
            engagement = by_global_id(engagements, row.engagement_id, "Engagement")
            if engagement is None:
                return [], not_found(f"attendees.{index}.engagement_id", "engagement")
        found.append(Attendee(contact=contact, engagement=engagement))
    return found, []


@strawberry.type
class EventsMutation:
    @strawberry.mutation(
        description="Book an event with one or more people, or a weekly series (weeks > 1): "
        "each week is its own event."
    )
    def event_create(self, info: Info, input: EventCreateInput) -> EventsPayload:  # noqa: A002
        check_can_write(info)
        user = user_of(info)
        if len(input.attendees) > EVENT_CONTACTS_MAX:
            return EventsPayload(
                errors=_invalid("attendees", f"An event has at most {EVENT_CONTACTS_MAX} people.")
            )
        if len(input.staff_ids) > EVENT_STAFF_MAX:
            return EventsPayload(
                errors=_invalid("staffIds", f"An event has at most {EVENT_STAFF_MAX} staff.")
            )
        attendees, errors = _attendees(user, input.attendees)
        if errors:
            return EventsPayload(errors=errors)
        offered = selectors.staff_offered(user=user)
        staff = []
        for index, staff_id in enumerate(input.staff_ids):
            member = by_global_id(offered, staff_id, "User")
            if member is None:
                return EventsPayload(errors=not_found(f"staff_ids.{index}", "colleague"))
            staff.append(member)
        service = None
        if input.service_id is not None:
            service = by_global_id(
                casework_selectors.services_visible_to(user=user), input.service_id, "Service"
            )
            if service is None:
                return EventsPayload(errors=not_found("service_id", "service"))

        def work():
            made = services.event_create(
                actor=user,
                kind=input.kind,
                day=input.date,
                start=input.start,
                end=input.end,
                attendees=attendees,
                staff=staff,
                service=service,
                place=input.place,
                notes=input.notes,
                weeks=input.weeks,
            )
            return EventsPayload(
                events=as_events(
                    selectors.events_visible_to(user=user)
                    .filter(pk__in=[e.pk for e in made])
                    .order_by("starts_at")
                )
            )

        return payload_of(EventsPayload, work, renamed=SERVICE_FIELDS)

    @strawberry.mutation(
        description="Record attendance for everyone on the event at once. With a service, "
        "each attendee with an engagement gets a delivery: all or nothing."
    )
    def attendance_record(
        self,
        info: Info,
        event_id: relay.GlobalID,
        attendance: list[PresenceInput],
    ) -> EventPayload:
        check_can_write(info)
        event = _event(info, event_id)
        if event is None:
            return EventPayload(errors=not_found("event_id", "event"))
        if len(attendance) > EVENT_CONTACTS_MAX:
            return EventPayload(errors=_invalid("attendance", "More rows than people."))
        by_public_id = {str(row.contact.public_id): row.contact_id for row in event.attendees.all()}
        presence = {}
        for index, row in enumerate(attendance):
            public_id = public_id_of(row.contact_id, "Contact")
            if str(public_id) not in by_public_id:
                return EventPayload(errors=not_found(f"attendance.{index}.contact_id", "attendee"))
            presence[by_public_id[str(public_id)]] = row.presence

        def work():
            services.attendance_record(actor=user_of(info), event=event, presence=presence)
            return EventPayload(event=EventType(event=_event(info, event_id)))

        return payload_of(EventPayload, work)

    @strawberry.mutation(description="Cancel one event (one week of a series), saying why.")
    def event_cancel(self, info: Info, event_id: relay.GlobalID, reason: str) -> EventPayload:
        check_can_write(info)
        event = _event(info, event_id)
        if event is None:
            return EventPayload(errors=not_found("event_id", "event"))

        def work():
            services.event_cancel(actor=user_of(info), event=event, reason=reason)
            return EventPayload(event=EventType(event=_event(info, event_id)))

        return payload_of(EventPayload, work)

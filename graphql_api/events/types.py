"""Events in the API: what the caller may see (casework.events.selectors), people by their
global ids and names as the portal shows them to staff who may see the record."""

from datetime import datetime

import strawberry
from strawberry import relay

from casework.events import models
from graphql_api.accounts.types import ColleagueType


@strawberry.type(name="EventAttendee")
class EventAttendeeType:
    row: strawberry.Private[models.EventContact]

    @strawberry.field(description="The person (a Contact).")
    def contact_id(self) -> relay.GlobalID:
        return relay.GlobalID("Contact", str(self.row.contact.public_id))

    @strawberry.field(description="Their name, as the record shows it.")
    def name(self) -> str:
        return self.row.contact.display_name

    @strawberry.field(description="Their engagement the event is part of, if any.")
    def engagement_id(self) -> relay.GlobalID | None:
        if self.row.engagement_id is None:
            return None
        return relay.GlobalID("Engagement", str(self.row.engagement.public_id))

    @strawberry.field(description="attended, did_not_attend or cancelled; null until recorded.")
    def presence(self) -> str | None:
        return self.row.presence or None

    @strawberry.field(description="The delivery their attendance became, if any (its id).")
    def delivery_id(self) -> relay.GlobalID | None:
        if self.row.delivery_id is None:
            return None
        return relay.GlobalID("ServiceDelivery", str(self.row.delivery.public_id))


@strawberry.type(name="Event")
class EventType:
    event: strawberry.Private[models.Event]

    @strawberry.field(description="For recordAttendance and eventCancel (not a node).")
    def id(self) -> relay.GlobalID:
        return relay.GlobalID("Event", str(self.event.public_id))

    @strawberry.field(description="meeting, visit, session or appointment.")
    def kind(self) -> str:
        return self.event.kind

    @strawberry.field
    def starts_at(self) -> datetime:
        return self.event.starts_at

    @strawberry.field
    def ends_at(self) -> datetime:
        return self.event.ends_at

    @strawberry.field
    def place(self) -> str:
        return self.event.place

    @strawberry.field
    def notes(self) -> str:
        return self.event.notes

    @strawberry.field(description="The service attendance is recorded as, if any.")
    def service_name(self) -> str | None:
        return self.event.service.name if self.event.service_id else None

    @strawberry.field(description="Occurrences of one weekly series share it.")
    def series(self) -> str | None:
        return str(self.event.series) if self.event.series else None

    @strawberry.field
    def cancelled_at(self) -> datetime | None:
        return self.event.cancelled_at

    @strawberry.field
    def cancel_reason(self) -> str:
        return self.event.cancel_reason

    @strawberry.field
    def attendance_recorded_at(self) -> datetime | None:
        return self.event.attendance_recorded_at

    @strawberry.field(description="The people the event is with.")
    def attendees(self) -> list[EventAttendeeType]:
        return [EventAttendeeType(row=row) for row in self.event.attendees.all()]

    @strawberry.field(description="The staff at the event.")
    def staff(self) -> list[ColleagueType]:
        return list(self.event.staff.all())


def as_events(events) -> list[EventType]:
    return [EventType(event=event) for event in events]

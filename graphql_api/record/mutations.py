"""Raising an incident through the API: the same service (and rules) as the portal."""

from datetime import datetime

import strawberry
from strawberry import relay
from strawberry.types import Info

from casework.incidents import selectors, services
from graphql_api.auth import check_can_write, user_of
from graphql_api.errors import not_found, payload_with
from graphql_api.ids import public_id_of
from graphql_api.notes.queries import record_of
from graphql_api.record.types import IncidentPayload


@strawberry.input
class IncidentRaiseInput:
    contact_id: relay.GlobalID
    happened_at: datetime
    kind: str = strawberry.field(description="A type from the partner's list, by its name.")
    severity: str = strawberry.field(description="low, medium or high.")
    description: str
    location: str = ""
    people_ids: list[relay.GlobalID] = strawberry.field(
        default_factory=list, description="Contacts on the record who were involved."
    )
    people_named: str = ""
    immediate_action: str = ""
    follow_up_needed: bool = False


@strawberry.type
class RecordMutation:
    @strawberry.mutation(
        description="Record an incident on a contact. A high-severity one tells your line "
        "manager and the designated safeguarding leads."
    )
    def incident_raise(self, info: Info, input: IncidentRaiseInput) -> IncidentPayload:  # noqa: A002
        check_can_write(info)
        user = user_of(info)
        on = record_of(info, input.contact_id, None)
        if on is None:
            return IncidentPayload(errors=not_found("contact_id", "record"))
        kind = next(
            (
                k
                for k in selectors.incident_types(user=user)
                if k.name.lower() == input.kind.strip().lower()
            ),
            None,
        )
        people = selectors.contacts_by_ids(
            user=user, public_ids=[public_id_of(p, "Contact") for p in input.people_ids[:50]]
        )
        return payload_with(
            IncidentPayload,
            "incident",
            lambda: services.incident_raise(
                actor=user,
                contact=on["contact"],
                happened_at=input.happened_at,
                kind=kind,
                severity=input.severity,
                description=input.description,
                location=input.location,
                people=people,
                people_named=input.people_named,
                immediate_action=input.immediate_action,
                follow_up_needed=input.follow_up_needed,
            ),
        )

"""Inputs and payloads of the casework mutations: each payload carries the record or
the field errors that stopped it."""

from datetime import date

import strawberry
from strawberry import UNSET, relay

from graphql_api.casework.types import (
    ConsultationType,
    ContactType,
    EngagementType,
    HouseholdType,
    RelationshipType,
    ServiceDeliveryType,
)
from graphql_api.errors import FieldError


@strawberry.type
class ContactPayload:
    contact: ContactType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class HouseholdPayload:
    household: HouseholdType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class RelationshipPayload:
    relationship: RelationshipType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class EngagementPayload:
    engagement: EngagementType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class DeliveryPayload:
    delivery: ServiceDeliveryType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class BulkDeliveriesPayload:
    deliveries: list[ServiceDeliveryType] = strawberry.field(default_factory=list)
    errors: list[FieldError] = strawberry.field(
        default_factory=list,
        description="Row problems name the row, like rows.2.date. Nothing is saved unless all rows are valid.",
    )


@strawberry.type
class ConsultationPayload:
    consultation: ConsultationType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class ContactCreateInput:
    kind: str = strawberry.field(description="child or adult")
    first_name: str
    last_name: str
    date_of_birth: date | None = None
    adult_role: str = ""
    preferred_name: str = ""
    pronouns: str = ""
    unique_pupil_number: str = ""
    phone: str = ""
    email: str = ""
    alerts: str = ""
    watch_list: bool = False
    consent: str = "not_requested"
    consent_decided_on: date | None = None
    household_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Join this household; without it a new one is made."
    )
    address_line_1: str = ""
    address_line_2: str = ""
    town: str = ""
    postcode: str = ""


@strawberry.input
class ContactUpdateInput:
    id: relay.GlobalID
    first_name: str | None = UNSET
    last_name: str | None = UNSET
    preferred_name: str | None = UNSET
    pronouns: str | None = UNSET
    date_of_birth: date | None = UNSET
    adult_role: str | None = UNSET
    unique_pupil_number: str | None = UNSET
    phone: str | None = UNSET
    email: str | None = UNSET
    alerts: str | None = UNSET
    watch_list: bool | None = UNSET
    consent: str | None = UNSET
    consent_decided_on: date | None = UNSET


@strawberry.input
class EngagementOpenInput:
    contact_id: relay.GlobalID
    programme_id: relay.GlobalID
    start_date: date
    stage: str = "in_progress"
    referral_source: str = ""
    referral_date: date | None = None
    referral_reason: str = ""


@strawberry.input
class EngagementCloseInput:
    id: relay.GlobalID
    closed_on: date
    stage: str = "closed"


@strawberry.input
class DeliveryCreateInput:
    engagement_id: relay.GlobalID
    service_id: relay.GlobalID
    date: date
    attendance: str = "attended"
    duration_minutes: int | None = None
    quantity: int | None = None
    summary: str = ""


@strawberry.input
class BulkDeliveryRow:
    engagement_id: relay.GlobalID
    service_id: relay.GlobalID
    date: date
    attendance: str = "attended"
    duration_minutes: int | None = None
    summary: str = ""


@strawberry.input
class BulkDeliveriesInput:
    rows: list[BulkDeliveryRow]
    anonymous_attendees: int = 0


@strawberry.input
class ConsultationCreateInput:
    engagement_id: relay.GlobalID
    date: date
    method: str = strawberry.field(description="meeting, phone, email or conversation")
    held_with: str
    notes: str

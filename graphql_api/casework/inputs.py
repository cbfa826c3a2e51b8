"""Inputs and payloads of the casework mutations: each payload carries the record or
the field errors that stopped it."""

from datetime import date

import strawberry
from strawberry import UNSET, relay

from graphql_api.casework.types import (
    ConsultationType,
    ContactType,
    EngagementType,
    GroupSessionType,
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
class GroupSessionPayload:
    group_session: GroupSessionType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


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
    reason: str = strawberry.field(
        default="",
        description="Why: needed to change a child's names or date of birth (kept in its history).",
    )


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


Day = date  # inputs below have a field called `date`, which hides the type in their body

ENDED_REASON_HELP = "Why: needed once the engagement has ended (a manager); kept in its history."
REASON_HELP = (
    "Why: needed for a session more than 7 days old or anything in an engagement that has "
    "ended (kept in its history)."
)


@strawberry.input(description="Only the fields given change.")
class EngagementUpdateInput:
    id: relay.GlobalID
    programme_id: relay.GlobalID | None = UNSET
    referral_source: str | None = UNSET
    referral_date: Day | None = UNSET
    referral_reason: str | None = UNSET
    start_date: Day | None = UNSET
    stage: str | None = strawberry.field(
        default=UNSET, description="applied, waitlisted or in_progress, while it is open"
    )
    closed_on: Day | None = strawberry.field(
        default=UNSET, description="Once it has ended (managers)."
    )
    reason: str = strawberry.field(default="", description=ENDED_REASON_HELP)


@strawberry.input(description="Only the fields given change.")
class DeliveryUpdateInput:
    id: relay.GlobalID
    service_id: relay.GlobalID | None = UNSET
    date: Day | None = UNSET
    attendance: str | None = UNSET
    duration_minutes: int | None = UNSET
    quantity: int | None = UNSET
    summary: str | None = UNSET
    reason: str = strawberry.field(default="", description=REASON_HELP)


@strawberry.input(description="Only the fields given change.")
class ConsultationUpdateInput:
    id: relay.GlobalID
    date: Day | None = UNSET
    method: str | None = UNSET
    held_with: str | None = UNSET
    notes: str | None = UNSET
    reason: str = strawberry.field(default="", description=ENDED_REASON_HELP)


@strawberry.input(description="A record entered in error is removed (kept in its history).")
class RemoveInput:
    id: relay.GlobalID
    reason: str = strawberry.field(description="Why, for example “entered in error”.")


@strawberry.input(description="A member entered in error is removed (kept in its history).")
class HouseholdMemberRemoveInput:
    household_id: relay.GlobalID
    contact_id: relay.GlobalID
    reason: str = strawberry.field(description="Why, for example “entered in error”.")


@strawberry.input(description="A contact the consultation was held with who was left out.")
class ConsultationPersonAddInput:
    consultation_id: relay.GlobalID
    contact_id: relay.GlobalID
    reason: str = strawberry.field(default="", description=ENDED_REASON_HELP)


@strawberry.input(description="A contact recorded in error as one it was held with.")
class ConsultationPersonRemoveInput:
    consultation_id: relay.GlobalID
    contact_id: relay.GlobalID
    reason: str = strawberry.field(description="Why, for example “entered in error”.")


@strawberry.input(
    description="Only the fields given change; a new service or date moves every row with it."
)
class GroupSessionUpdateInput:
    id: relay.GlobalID
    service_id: relay.GlobalID | None = UNSET
    date: Day | None = UNSET
    anonymous_attendees: int | None = UNSET
    reason: str = strawberry.field(
        default="",
        description="Why: needed for a session more than 7 days old, before or after the "
        "change, or with a row in an engagement that has ended (kept in its history).",
    )

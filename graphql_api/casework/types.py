"""Casework types. Global ids are built from the UUID public id, never the key."""

from datetime import date, datetime

import strawberry_django
from strawberry import relay
from strawberry.types import Info
from strawberry_django.relay import DjangoListConnection

from casework import models, selectors, selectors_work
from casework.access.models import RecordType
from graphql_api.accounts.types import ColleagueType
from graphql_api.auth import user_of
from graphql_api.casework.filters import (
    ConsultationFilter,
    DeliveryFilter,
    EngagementFilter,
    EngagementOrder,
)
from graphql_api.fields import model_type
from graphql_api.safeguarding.types import SafeguardingCaseFilter, SafeguardingCaseType
from graphql_api.visibility import within


@model_type(models.Household, name="Household", read_as=RecordType.HOUSEHOLD)
class HouseholdType(relay.Node):
    public_id: relay.NodeID[str]
    name: str
    address_line_1: str
    address_line_2: str
    town: str
    postcode: str
    members: list["ContactType"]

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return within(queryset, selectors.households_visible_to(user=user_of(info)))


@model_type(models.Relationship, name="Relationship")
class RelationshipType:
    kind: str = strawberry_django.field(
        description="What `contact` is to `other` (e.g. mother); the other half is on `other`."
    )
    other: "ContactType"
    removed_at: datetime | None = strawberry_django.field(
        description="Set when the relationship was removed as wrong; removed ones are "
        "listed nowhere else."
    )
    removal_reason: str

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return within(queryset, selectors.relationships_visible_to(user=user_of(info)))


@model_type(models.Programme, name="Programme")
class ProgrammeType(relay.Node):
    public_id: relay.NodeID[str]
    name: str
    code_prefix: str
    is_active: bool
    services: list["ServiceType"]

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return within(queryset, selectors.programmes_visible_to(user=user_of(info)))


@model_type(models.Service, name="Service")
class ServiceType(relay.Node):
    public_id: relay.NodeID[str]
    name: str
    is_active: bool
    programme: ProgrammeType

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return within(queryset, selectors.services_visible_to(user=user_of(info)))


@model_type(models.Contact, name="Contact", read_as=RecordType.CONTACT)
class ContactType(relay.Node):
    public_id: relay.NodeID[str]
    client_id: str
    kind: str
    adult_role: str
    first_name: str
    last_name: str
    preferred_name: str
    pronouns: str
    date_of_birth: date | None
    unique_pupil_number: str
    phone: str
    email: str
    alerts: str
    watch_list: bool
    consent: str
    consent_decided_on: date | None
    consent_review_date: date | None = strawberry_django.field(
        field_name="consent_review_on",
        description="When given consent is due for review; past it, it has expired and a new "
        "referral needs consent recorded again (or a lawful basis).",
    )
    created_at: datetime
    household: HouseholdType
    relationships: list[RelationshipType]
    engagements: DjangoListConnection["EngagementType"] = strawberry_django.connection(
        description="Only the engagements you may see."
    )

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return within(queryset, selectors.contacts_visible_to(user=user_of(info)))


@model_type(
    models.Engagement,
    name="Engagement",
    filters=EngagementFilter,
    ordering=EngagementOrder,
    read_as=RecordType.ENGAGEMENT,
)
class EngagementType(relay.Node):
    public_id: relay.NodeID[str]
    contact: ContactType
    programme: ProgrammeType
    owner: ColleagueType
    stage: str
    referral_source: str
    referral_date: date | None
    referral_reason: str
    start_date: date
    closed_on: date | None
    created_at: datetime
    deliveries: DjangoListConnection["ServiceDeliveryType"] = strawberry_django.connection(
        filters=DeliveryFilter
    )
    consultations: DjangoListConnection["ConsultationType"] = strawberry_django.connection(
        filters=ConsultationFilter
    )
    safeguarding_cases: DjangoListConnection[SafeguardingCaseType] = strawberry_django.connection(
        filters=SafeguardingCaseFilter,
        description="Its safeguarding cases you may see (filter isOpen for the open ones).",
    )

    @strawberry_django.field(only=["stage"])
    def is_open(self, root: models.Engagement) -> bool:
        return root.is_open

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return within(queryset, selectors.engagements_visible_to(user=user_of(info)))


@model_type(models.GroupSession, name="GroupSession")
class GroupSessionType(relay.Node):
    """A group session recorded at once: its rows are service deliveries (groupSession)."""

    public_id: relay.NodeID[str]
    service: ServiceType
    date: date
    anonymous_attendees: int
    recorded_by: ColleagueType
    created_at: datetime

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return within(queryset, selectors_work.group_sessions_visible_to(user=user_of(info)))


@model_type(models.ServiceDelivery, name="ServiceDelivery")
class ServiceDeliveryType(relay.Node):
    public_id: relay.NodeID[str]
    engagement: EngagementType
    service: ServiceType
    date: date
    attendance: str
    duration_minutes: int | None
    quantity: int | None
    summary: str
    recorded_by: ColleagueType
    created_at: datetime
    group_session: GroupSessionType | None = strawberry_django.field(
        description="The group session it was recorded in, if any (its service and date "
        "are the session's: groupSessionUpdate)."
    )

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return within(queryset, selectors.deliveries_visible_to(user=user_of(info)))


@model_type(models.Consultation, name="Consultation")
class ConsultationType(relay.Node):
    public_id: relay.NodeID[str]
    engagement: EngagementType
    date: date
    method: str
    held_with: str = strawberry_django.field(description="People who are not contacts, in words.")
    notes: str
    recorded_by: ColleagueType
    created_at: datetime

    @strawberry_django.field(
        description="The contacts it was held with (those removed as entered in error are "
        "on its engagement's history only).",
        prefetch_related=[lambda info: selectors.people_prefetch()],
    )
    def held_with_contacts(self, root: models.Consultation) -> list[ContactType]:
        if not hasattr(root, "people"):  # a payload's consultation, not optimised
            return selectors.consultation_people(consultation=root)
        return [p.contact for p in root.people]

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return within(queryset, selectors.consultations_visible_to(user=user_of(info)))

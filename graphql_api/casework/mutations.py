"""Casework mutations: parse the input, find the records through the selectors, call
the same service as the portal, return its refusals as field errors."""

import strawberry
from django.core.exceptions import PermissionDenied, ValidationError
from strawberry import relay
from strawberry.types import Info

from casework import selectors
from casework.services import contacts as contact_services
from casework.services import engagements as engagement_services
from casework.services import group_sessions as group_session_services
from casework.services import relationships as relationship_services
from graphql_api.auth import check_can_write, user_of
from graphql_api.casework.inputs import (
    BulkDeliveriesInput,
    BulkDeliveriesPayload,
    ConsultationCreateInput,
    ConsultationPayload,
    ContactCreateInput,
    ContactPayload,
    ContactUpdateInput,
    DeliveryCreateInput,
    DeliveryPayload,
    EngagementCloseInput,
    EngagementOpenInput,
    EngagementPayload,
    HouseholdPayload,
    RelationshipPayload,
)
from graphql_api.errors import NOT_FOUND, FieldError, errors_from, not_found, payload_with
from graphql_api.ids import by_global_id, public_id_of
from graphql_api.inputs import changes_given

BULK_MAX_ROWS = group_session_services.BULK_MAX_ROWS


# The records a casework mutation names by global id, found only among those the user
# may see (the edit mutations use them too).
def contact_by_id(info, global_id):
    return by_global_id(selectors.contacts_visible_to(user=user_of(info)), global_id, "Contact")


def engagement_by_id(info, global_id):
    return by_global_id(
        selectors.engagements_visible_to(user=user_of(info)), global_id, "Engagement"
    )


def service_by_id(info, global_id):
    return by_global_id(selectors.services_visible_to(user=user_of(info)), global_id, "Service")


@strawberry.type
class CaseworkMutation:
    @strawberry.mutation(description="Record a new child or adult (a new household unless given).")
    def contact_create(self, info: Info, input: ContactCreateInput) -> ContactPayload:  # noqa: A002
        check_can_write(info)
        data = strawberry.asdict(input)
        household = None
        if input.household_id is not None:
            public_id = public_id_of(input.household_id, "Household")
            household = (
                selectors.households_visible_to(user=user_of(info))
                .filter(public_id=public_id)
                .first()
                if public_id
                else None
            )
            if household is None:
                return ContactPayload(errors=not_found("household_id", "household"))
        data.pop("household_id")
        data = {
            k: v
            for k, v in data.items()
            if v is not None or k in ("date_of_birth", "consent_decided_on")
        }
        return payload_with(
            ContactPayload,
            "contact",
            lambda: contact_services.contact_create(
                actor=user_of(info), household=household, **data
            ),
        )

    @strawberry.mutation(description="Change a contact's details; only the fields given change.")
    def contact_update(self, info: Info, input: ContactUpdateInput) -> ContactPayload:  # noqa: A002
        check_can_write(info)
        contact = contact_by_id(info, input.id)
        if contact is None:
            return ContactPayload(errors=not_found("id", "contact"))
        changes = changes_given(input, skip=("id", "reason"))
        return payload_with(
            ContactPayload,
            "contact",
            lambda: contact_services.contact_update(
                actor=user_of(info), contact=contact, reason=input.reason, **changes
            ),
        )

    @strawberry.mutation(
        description="Move an existing contact into a household (its name follows)."
    )
    def household_member_add(
        self, info: Info, household_id: relay.GlobalID, contact_id: relay.GlobalID
    ) -> HouseholdPayload:
        check_can_write(info)
        user = user_of(info)
        public_id = public_id_of(household_id, "Household")
        household = (
            selectors.households_visible_to(user=user).filter(public_id=public_id).first()
            if public_id
            else None
        )
        if household is None:
            return HouseholdPayload(errors=not_found("household_id", "household"))
        contact = contact_by_id(info, contact_id)
        if contact is None:
            return HouseholdPayload(errors=not_found("contact_id", "contact"))
        if contact.household_id == household.pk:
            return HouseholdPayload(household=household)

        def work():
            contact_services.contact_move_household(
                actor=user, contact=contact, household=household
            )
            household.refresh_from_db()
            return household

        return payload_with(HouseholdPayload, "household", work)

    @strawberry.mutation(
        description="Record that `contact` is `other`'s `kind` (mother, father, parent, son, "
        "daughter, child, sibling, grandparent, grandchild, carer, cared_for, partner, other); "
        "the other half (other's relation to contact) is derived. Refused when the two are "
        "already related."
    )
    def relationship_create(
        self, info: Info, contact_id: relay.GlobalID, other_id: relay.GlobalID, kind: str
    ) -> RelationshipPayload:
        check_can_write(info)
        contact, other = contact_by_id(info, contact_id), contact_by_id(info, other_id)
        if contact is None:
            return RelationshipPayload(errors=not_found("contact_id", "contact"))
        if other is None:
            return RelationshipPayload(errors=not_found("other_id", "contact"))
        return payload_with(
            RelationshipPayload,
            "relationship",
            lambda: relationship_services.relationship_create(
                actor=user_of(info), contact=contact, other=other, kind=kind
            ),
        )

    @strawberry.mutation(
        description="Remove a wrongly recorded relationship between two contacts, both "
        "halves together, with the reason (kept on History; nothing is deleted)."
    )
    def relationship_remove(
        self, info: Info, contact_id: relay.GlobalID, other_id: relay.GlobalID, reason: str
    ) -> RelationshipPayload:
        check_can_write(info)
        user = user_of(info)
        contact = contact_by_id(info, contact_id)
        if contact is None:
            return RelationshipPayload(errors=not_found("contact_id", "contact"))
        other_public_id = public_id_of(other_id, "Contact")
        relationship = (
            selectors.relationship_get(user=user, contact=contact, other_public_id=other_public_id)
            if other_public_id
            else None
        )
        if relationship is None:
            return RelationshipPayload(
                errors=[
                    FieldError(
                        field="otherId",
                        message="These two contacts have no current relationship.",
                        code=NOT_FOUND,
                    )
                ]
            )
        return payload_with(
            RelationshipPayload,
            "relationship",
            lambda: relationship_services.relationship_remove(
                actor=user, relationship=relationship, reason=reason
            ),
        )

    @strawberry.mutation(description="Open an engagement for a child on a programme.")
    def engagement_open(self, info: Info, input: EngagementOpenInput) -> EngagementPayload:  # noqa: A002
        check_can_write(info)
        user = user_of(info)
        contact = contact_by_id(info, input.contact_id)
        if contact is None:
            return EngagementPayload(errors=not_found("contact_id", "contact"))
        programme = by_global_id(
            selectors.programmes_visible_to(user=user), input.programme_id, "Programme"
        )
        if programme is None:
            return EngagementPayload(errors=not_found("programme_id", "programme"))
        return payload_with(
            EngagementPayload,
            "engagement",
            lambda: engagement_services.engagement_open(
                actor=user,
                contact=contact,
                programme=programme,
                start_date=input.start_date,
                stage=input.stage,
                referral_source=input.referral_source,
                referral_date=input.referral_date,
                referral_reason=input.referral_reason,
            ),
        )

    @strawberry.mutation(description="Close (or withdraw) an open engagement.")
    def engagement_close(self, info: Info, input: EngagementCloseInput) -> EngagementPayload:  # noqa: A002
        check_can_write(info)
        engagement = engagement_by_id(info, input.id)
        if engagement is None:
            return EngagementPayload(errors=not_found("id", "engagement"))
        return payload_with(
            EngagementPayload,
            "engagement",
            lambda: engagement_services.engagement_close(
                actor=user_of(info),
                engagement=engagement,
                closed_on=input.closed_on,
                stage=input.stage,
            ),
        )

    @strawberry.mutation(description="Record one session delivered in an open engagement.")
    def delivery_create(self, info: Info, input: DeliveryCreateInput) -> DeliveryPayload:  # noqa: A002
        check_can_write(info)
        engagement = engagement_by_id(info, input.engagement_id)
        if engagement is None:
            return DeliveryPayload(errors=not_found("engagement_id", "engagement"))
        service = service_by_id(info, input.service_id)
        if service is None:
            return DeliveryPayload(errors=not_found("service_id", "service"))
        return payload_with(
            DeliveryPayload,
            "delivery",
            lambda: engagement_services.delivery_create(
                actor=user_of(info),
                engagement=engagement,
                service=service,
                on=input.date,
                attendance=input.attendance,
                duration_minutes=input.duration_minutes,
                quantity=input.quantity,
                summary=input.summary,
            ),
        )

    @strawberry.mutation(
        description=f"A group session: up to {BULK_MAX_ROWS} rows, saved all or nothing."
    )
    def deliveries_bulk_create(
        self,
        info: Info,
        input: BulkDeliveriesInput,  # noqa: A002
    ) -> BulkDeliveriesPayload:
        check_can_write(info)
        try:
            group_session_services.bulk_rows_check(len(input.rows))  # before any row's lookup
        except ValidationError as exc:
            return BulkDeliveriesPayload(errors=errors_from(exc))
        rows, missing = [], []
        for index, row in enumerate(input.rows):
            engagement = engagement_by_id(info, row.engagement_id)
            service = service_by_id(info, row.service_id)
            if engagement is None:
                missing += not_found(f"rows.{index}.engagement_id", "engagement")
            if service is None:
                missing += not_found(f"rows.{index}.service_id", "service")
            rows.append(
                group_session_services.BulkRow(
                    engagement=engagement,
                    service=service,
                    on=row.date,
                    attendance=row.attendance,
                    duration_minutes=row.duration_minutes,
                    summary=row.summary,
                )
            )
        if missing:
            return BulkDeliveriesPayload(errors=missing)
        try:
            created = group_session_services.deliveries_bulk_create(
                actor=user_of(info), rows=rows, anonymous_attendees=input.anonymous_attendees
            )
        except group_session_services.BulkDeliveriesInvalid as exc:
            return BulkDeliveriesPayload(
                errors=[
                    FieldError(
                        field=f"rows.{index}.{_camel(field)}", message=message, code="INVALID"
                    )
                    for index, fields in sorted(exc.row_errors.items())
                    for field, message in fields.items()
                ]
            )
        except (ValidationError, PermissionDenied) as exc:
            return BulkDeliveriesPayload(errors=errors_from(exc))
        return BulkDeliveriesPayload(deliveries=created)

    @strawberry.mutation(description="Record a consultation in an open engagement.")
    def consultation_create(
        self,
        info: Info,
        input: ConsultationCreateInput,  # noqa: A002
    ) -> ConsultationPayload:
        check_can_write(info)
        engagement = engagement_by_id(info, input.engagement_id)
        if engagement is None:
            return ConsultationPayload(errors=not_found("engagement_id", "engagement"))
        return payload_with(
            ConsultationPayload,
            "consultation",
            lambda: engagement_services.consultation_create(
                actor=user_of(info),
                engagement=engagement,
                on=input.date,
                method=input.method,
                held_with=input.held_with,
                notes=input.notes,
            ),
        )


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)

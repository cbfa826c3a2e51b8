"""Casework mutations that put records right: change an engagement, a delivery, a group
session or a consultation (and who it was held with), or remove one (or a household
member) entered in error, with a reason.
Thin, like casework.mutations: the same selectors find the records, the same services
decide, their refusals come back as errors naming this API's input fields."""

import strawberry
from strawberry import UNSET
from strawberry.types import Info

from casework import selectors, selectors_work
from casework.services import consultations as consultation_services
from casework.services import deliveries as delivery_services
from casework.services.contacts import household_member_remove
from casework.services.engagements import engagement_update
from graphql_api.auth import check_can_write, user_of
from graphql_api.casework.inputs import (
    ConsultationPayload,
    ConsultationPersonAddInput,
    ConsultationPersonRemoveInput,
    ConsultationUpdateInput,
    DeliveryPayload,
    DeliveryUpdateInput,
    EngagementPayload,
    EngagementUpdateInput,
    GroupSessionPayload,
    GroupSessionUpdateInput,
    HouseholdMemberRemoveInput,
    HouseholdPayload,
    RemoveInput,
)
from graphql_api.casework.mutations import contact_by_id, engagement_by_id, service_by_id
from graphql_api.errors import not_found, payload_with
from graphql_api.ids import by_global_id
from graphql_api.inputs import changes_given

# A service names its own fields; the API's input names some of them otherwise.
API_FIELDS = {
    "programme": "programmeId",
    "service": "serviceId",
    "delivery": "id",
    "consultation": "id",
    "session": "id",
    "engagement": "id",
    "contact": "contactId",
    "removalReason": "reason",
}


def _with_service(info, input) -> dict | None:  # noqa: A002
    """The fields sent, the service found by its id if one was sent (None: not found)."""
    changes = changes_given(input, skip=("id", "reason", "service_id"))
    if input.service_id is not UNSET:
        service = service_by_id(info, input.service_id) if input.service_id is not None else None
        if service is None:
            return None
        changes["service"] = service
    return changes


def _delivery(info, global_id):
    return by_global_id(
        selectors.deliveries_visible_to(user=user_of(info)), global_id, "ServiceDelivery"
    )


def _consultation(info, global_id):
    return by_global_id(
        selectors.consultations_visible_to(user=user_of(info)), global_id, "Consultation"
    )


def _consultation_person(info, input, service):  # noqa: A002
    """Add or remove one of the contacts a consultation was held with."""
    check_can_write(info)
    consultation = _consultation(info, input.consultation_id)
    if consultation is None:
        return ConsultationPayload(errors=not_found("consultation_id", "consultation"))
    contact = contact_by_id(info, input.contact_id)
    if contact is None:
        return ConsultationPayload(errors=not_found("contact_id", "contact"))
    return payload_with(
        ConsultationPayload,
        "consultation",
        lambda: (
            service(
                actor=user_of(info), consultation=consultation, contact=contact, reason=input.reason
            ).consultation
        ),
        renamed=API_FIELDS | {"consultation": "consultationId"},
    )


@strawberry.type
class CaseworkEditMutation:
    @strawberry.mutation(
        description="Change an engagement: referral details, programme, start date, stage "
        "while open. Its owner or a manager; once ended, a manager with a reason."
    )
    def engagement_update(self, info: Info, input: EngagementUpdateInput) -> EngagementPayload:  # noqa: A002
        check_can_write(info)
        user = user_of(info)
        engagement = engagement_by_id(info, input.id)
        if engagement is None:
            return EngagementPayload(errors=not_found("id", "engagement"))
        changes = changes_given(input, skip=("id", "reason", "programme_id"))
        if input.programme_id is not UNSET:
            programme = (
                by_global_id(
                    selectors.programmes_visible_to(user=user), input.programme_id, "Programme"
                )
                if input.programme_id is not None
                else None
            )
            if programme is None:
                return EngagementPayload(errors=not_found("programme_id", "programme"))
            changes["programme"] = programme
        return payload_with(
            EngagementPayload,
            "engagement",
            lambda: engagement_update(
                actor=user, engagement=engagement, reason=input.reason, **changes
            ),
            renamed=API_FIELDS,
        )

    @strawberry.mutation(
        description="Change a recorded session (a group session's row keeps the group's "
        "service and date)."
    )
    def delivery_update(self, info: Info, input: DeliveryUpdateInput) -> DeliveryPayload:  # noqa: A002
        check_can_write(info)
        delivery = _delivery(info, input.id)
        if delivery is None:
            return DeliveryPayload(errors=not_found("id", "delivery"))
        changes = _with_service(info, input)
        if changes is None:
            return DeliveryPayload(errors=not_found("service_id", "service"))
        return payload_with(
            DeliveryPayload,
            "delivery",
            lambda: delivery_services.delivery_update(
                actor=user_of(info), delivery=delivery, reason=input.reason, **changes
            ),
            renamed=API_FIELDS,
        )

    @strawberry.mutation(description="Remove a session entered in error, with the reason.")
    def delivery_remove(self, info: Info, input: RemoveInput) -> DeliveryPayload:  # noqa: A002
        check_can_write(info)
        delivery = _delivery(info, input.id)
        if delivery is None:
            return DeliveryPayload(errors=not_found("id", "delivery"))
        return payload_with(
            DeliveryPayload,
            "delivery",
            lambda: delivery_services.delivery_remove(
                actor=user_of(info), delivery=delivery, reason=input.reason
            ),
            renamed=API_FIELDS,
        )

    @strawberry.mutation(description="Change a consultation; only the fields given change.")
    def consultation_update(
        self,
        info: Info,
        input: ConsultationUpdateInput,  # noqa: A002
    ) -> ConsultationPayload:
        check_can_write(info)
        consultation = _consultation(info, input.id)
        if consultation is None:
            return ConsultationPayload(errors=not_found("id", "consultation"))
        return payload_with(
            ConsultationPayload,
            "consultation",
            lambda: consultation_services.consultation_update(
                actor=user_of(info),
                consultation=consultation,
                reason=input.reason,
                **changes_given(input, skip=("id", "reason")),
            ),
            renamed=API_FIELDS,
        )

    @strawberry.mutation(description="Remove a consultation entered in error, with the reason.")
    def consultation_remove(self, info: Info, input: RemoveInput) -> ConsultationPayload:  # noqa: A002
        check_can_write(info)
        consultation = _consultation(info, input.id)
        if consultation is None:
            return ConsultationPayload(errors=not_found("id", "consultation"))
        return payload_with(
            ConsultationPayload,
            "consultation",
            lambda: consultation_services.consultation_remove(
                actor=user_of(info), consultation=consultation, reason=input.reason
            ),
            renamed=API_FIELDS,
        )

    @strawberry.mutation(
        description="Add a contact a consultation was held with (left out when it was recorded)."
    )
    def consultation_person_add(
        self,
        info: Info,
        input: ConsultationPersonAddInput,  # noqa: A002
    ) -> ConsultationPayload:
        return _consultation_person(info, input, consultation_services.consultation_participant_add)

    @strawberry.mutation(
        description="Remove a contact recorded in error as one a consultation was held "
        "with, with the reason (kept in its engagement's history)."
    )
    def consultation_person_remove(
        self,
        info: Info,
        input: ConsultationPersonRemoveInput,  # noqa: A002
    ) -> ConsultationPayload:
        return _consultation_person(
            info, input, consultation_services.consultation_participant_remove
        )

    @strawberry.mutation(
        description="Change a group session: its service and date (every row moves with "
        "it) or the attendees not recorded by name."
    )
    def group_session_update(
        self,
        info: Info,
        input: GroupSessionUpdateInput,  # noqa: A002
    ) -> GroupSessionPayload:
        check_can_write(info)
        user = user_of(info)
        session = by_global_id(
            selectors_work.group_sessions_visible_to(user=user), input.id, "GroupSession"
        )
        if session is None:
            return GroupSessionPayload(errors=not_found("id", "group session"))
        changes = _with_service(info, input)
        if changes is None:
            return GroupSessionPayload(errors=not_found("service_id", "service"))
        return payload_with(
            GroupSessionPayload,
            "group_session",
            lambda: delivery_services.group_session_update(
                actor=user, session=session, reason=input.reason, **changes
            ),
            renamed=API_FIELDS,
        )

    @strawberry.mutation(
        description="Remove a household member entered in error, with the reason (someone "
        "who lives elsewhere is moved with householdMemberAdd instead)."
    )
    def household_member_remove(
        self,
        info: Info,
        input: HouseholdMemberRemoveInput,  # noqa: A002
    ) -> HouseholdPayload:
        check_can_write(info)
        user = user_of(info)
        household = by_global_id(
            selectors.households_visible_to(user=user), input.household_id, "Household"
        )
        if household is None:
            return HouseholdPayload(errors=not_found("household_id", "household"))
        contact = contact_by_id(info, input.contact_id)
        if contact is None or contact.household_id != household.pk:
            return HouseholdPayload(errors=not_found("contact_id", "member of this household"))

        def work():
            household_member_remove(actor=user, contact=contact, reason=input.reason)
            household.refresh_from_db()
            return household

        return payload_with(HouseholdPayload, "household", work, renamed=API_FIELDS)

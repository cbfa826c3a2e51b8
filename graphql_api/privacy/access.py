"""Break the glass through the API (issue 19): ask for 24 hours' emergency access to an
engagement one may not see, with a reason, through the portal's service (its rules, its
audit row, the safeguarding leads and the owner told). An engagement the user may
already see, of another partner, or where the partner has turned emergency access off,
is not found: the same answer as the portal's 404."""

from datetime import datetime

import strawberry
from strawberry import relay
from strawberry.types import Info

from casework.access import selectors, services
from graphql_api.auth import check_can_write, user_of
from graphql_api.casework.types import EngagementType
from graphql_api.errors import FieldError, not_found, payload_of
from graphql_api.ids import public_id_of


@strawberry.type(description="Emergency access granted to you: it lasts 24 hours.")
class EmergencyAccessType:
    reason: str
    granted_at: datetime
    expires_at: datetime


@strawberry.type
class EngagementAccessPayload:
    access: EmergencyAccessType | None = None
    engagement: EngagementType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class AccessMutation:
    @strawberry.mutation(
        description="Ask for emergency access to an engagement you may not see (break the "
        "glass), saying why: it lasts 24 hours; the safeguarding leads and the owner are told "
        "at once, and the reason and every read stay on the record."
    )
    def engagement_access_request(
        self, info: Info, engagement_id: relay.GlobalID, reason: str
    ) -> EngagementAccessPayload:
        check_can_write(info)
        user = user_of(info)
        public_id = public_id_of(engagement_id, "Engagement")
        engagement = (
            selectors.engagement_for_emergency_access(user=user, public_id=public_id)
            if public_id
            else None
        )
        if engagement is None:
            return EngagementAccessPayload(errors=not_found("engagement_id", "engagement"))

        def work():
            grant = services.emergency_access_ask(actor=user, engagement=engagement, reason=reason)
            return EngagementAccessPayload(
                access=EmergencyAccessType(
                    reason=grant.reason, granted_at=grant.granted_at, expires_at=grant.expires_at
                ),
                engagement=grant.engagement,
            )

        return payload_of(EngagementAccessPayload, work)

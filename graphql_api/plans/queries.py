import strawberry
from strawberry import relay
from strawberry.types import Info

from casework import selectors as casework_selectors
from casework.plans import selectors
from graphql_api.auth import user_of
from graphql_api.ids import public_id_of
from graphql_api.plans.types import CasePlanType


def engagement_of(info: Info, engagement_id):
    public_id = public_id_of(engagement_id, "Engagement")
    if public_id is None:
        return None
    return casework_selectors.engagement_get(user=user_of(info), public_id=public_id)


@strawberry.type
class PlansQuery:
    @strawberry.field(
        description="An engagement's case plan: goals, actions, latest reviews and approval. "
        "Null when it has none or is not an engagement you may see."
    )
    def case_plan(self, info: Info, engagement_id: relay.GlobalID) -> CasePlanType | None:
        engagement = engagement_of(info, engagement_id)
        if engagement is None:
            return None
        return selectors.plans_on(user=user_of(info), engagement=engagement).first()

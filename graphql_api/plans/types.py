"""Case plans in the API: an engagement's plan with its goals, their actions, the latest
reviews with each goal's progress and the approval requests (casework.plans.selectors,
read in a fixed number of queries)."""

from datetime import date, datetime

import strawberry
from strawberry import relay

from casework.plans import models
from graphql_api.accounts.types import ColleagueType


def _gid(type_name: str, record) -> relay.GlobalID:
    return relay.GlobalID(type_name, str(record.public_id))


@strawberry.type(name="PlanAction")
class PlanActionType:
    @strawberry.field(description="For planActionUpdate (not a node).")
    def id(self) -> relay.GlobalID:
        return _gid("PlanAction", self)

    what: str
    owner: ColleagueType
    due_on: date
    status: str = strawberry.field(description="to_do, in_progress, done or not_needed.")


@strawberry.type(name="PlanGoal")
class PlanGoalType:
    @strawberry.field(description="For planGoalUpdate and planActionAdd (not a node).")
    def id(self) -> relay.GlobalID:
        return _gid("PlanGoal", self)

    what: str
    why: str
    by_when: date | None
    who: str

    @strawberry.field(description="Its current actions, by due date.")
    def actions(self) -> list[PlanActionType]:
        return list(self.actions.all())


@strawberry.type(name="GoalProgress")
class GoalProgressType:
    @strawberry.field
    def goal_id(self) -> relay.GlobalID:
        return _gid("PlanGoal", self.goal)

    @strawberry.field(description="The goal as it read when reviewed.")
    def goal(self) -> str:
        return self.goal.what

    progress: str = strawberry.field(
        description="not_started, in_progress, achieved or not_needed."
    )
    comment: str


@strawberry.type(name="PlanReview")
class PlanReviewType:
    comment: str
    next_review_on: date
    author_name: str
    reviewed_at: datetime

    @strawberry.field(description="Each goal's progress at this review.")
    def progress(self) -> list[GoalProgressType]:
        return list(self.progress.all())


@strawberry.type(name="PlanApprovalDecision")
class PlanApprovalDecisionType:
    outcome: str = strawberry.field(description="approved or returned.")
    comment: str
    decided_by: ColleagueType
    decided_at: datetime


@strawberry.type(name="PlanApprovalRequest")
class PlanApprovalRequestType:
    submitted_by: ColleagueType
    approver: ColleagueType
    comment: str
    submitted_at: datetime

    @strawberry.field(description="Null while it waits.")
    def decision(self) -> PlanApprovalDecisionType | None:
        return getattr(self, "decision", None)


@strawberry.type(name="CasePlan")
class CasePlanType:
    @strawberry.field(description="For the plan's mutations (not a node).")
    def id(self) -> relay.GlobalID:
        return _gid("CasePlan", self)

    @strawberry.field
    def engagement_id(self) -> relay.GlobalID:
        return _gid("Engagement", self.engagement)

    status: str = strawberry.field(description="draft, awaiting_approval or in_force.")
    review_on: date
    approved_at: datetime | None
    created_at: datetime

    @strawberry.field(description="Its current goals, oldest first.")
    def goals(self) -> list[PlanGoalType]:
        return list(self.goals.all())

    @strawberry.field(description=f"The latest {models.LATEST_SHOWN} reviews, newest first.")
    def reviews(self) -> list[PlanReviewType]:
        return list(self.reviews.all())[: models.LATEST_SHOWN]

    @strawberry.field(
        description=f"The latest {models.LATEST_SHOWN} approval requests, newest first."
    )
    def approval_requests(self) -> list[PlanApprovalRequestType]:
        return list(self.approval_requests.all())[: models.LATEST_SHOWN]

"""Case plan mutations: start a plan, add and change goals and actions, record a review,
send a plan for approval and decide it, through the same services (and rules) as the
plans screens. Refusals come back as field errors."""

from datetime import date

import strawberry
from strawberry import relay
from strawberry.types import Info

from casework.plans import selectors, services
from graphql_api.auth import check_can_write, user_of
from graphql_api.errors import FieldError, not_found, payload_of
from graphql_api.ids import public_id_of
from graphql_api.plans.queries import engagement_of
from graphql_api.plans.types import (
    CasePlanType,
    PlanActionType,
    PlanGoalType,
    PlanReviewType,
)
from tenants.accounts.selectors import colleague_get


@strawberry.type
class CasePlanPayload:
    plan: CasePlanType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class PlanGoalPayload:
    goal: PlanGoalType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class PlanActionPayload:
    action: PlanActionType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class PlanReviewPayload:
    review: PlanReviewType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class CasePlanCreateInput:
    engagement_id: relay.GlobalID
    review_on: date = strawberry.field(description="The date of the first review.")


@strawberry.input
class PlanGoalAddInput:
    plan_id: relay.GlobalID
    what: str
    why: str = ""
    by_when: date | None = None
    who: str = ""


@strawberry.input
class PlanGoalUpdateInput:
    """Only what changes; the rest stays. A reason is needed once the plan was approved."""

    what: str | None = None
    why: str | None = None
    by_when: date | None = strawberry.UNSET
    who: str | None = None
    reason: str = ""


@strawberry.input
class PlanActionAddInput:
    goal_id: relay.GlobalID
    what: str
    owner_id: relay.GlobalID = strawberry.field(
        description="A colleague (User id) who can see the engagement."
    )
    due_on: date
    status: str = "to_do"


@strawberry.input
class PlanActionUpdateInput:
    what: str | None = None
    owner_id: relay.GlobalID | None = None
    due_on: date | None = None
    status: str | None = None
    reason: str = ""


@strawberry.input
class GoalProgressInput:
    goal_id: relay.GlobalID
    progress: str = strawberry.field(
        description="not_started, in_progress, achieved or not_needed."
    )
    comment: str = ""


@strawberry.input
class PlanReviewInput:
    plan_id: relay.GlobalID
    comment: str
    next_review_on: date
    progress: list[GoalProgressInput] = strawberry.field(
        description="Every current goal's progress."
    )


def _plan(info, plan_id):
    public_id = public_id_of(plan_id, "CasePlan")
    return selectors.plan_get(user=user_of(info), public_id=public_id) if public_id else None


def _goal(info, goal_id):
    public_id = public_id_of(goal_id, "PlanGoal")
    return selectors.goal_get(user=user_of(info), public_id=public_id) if public_id else None


def _colleague(user_id):
    public_id = public_id_of(user_id, "User")
    return colleague_get(public_id=public_id) if public_id else None


def _given(input_) -> dict:
    return {
        name: value
        for name, value in vars(input_).items()
        if value is not strawberry.UNSET and value is not None and name != "reason"
    }


@strawberry.type
class PlansMutation:
    @strawberry.mutation(description="Start an engagement's case plan (one each).")
    def case_plan_create(self, info: Info, input: CasePlanCreateInput) -> CasePlanPayload:  # noqa: A002
        check_can_write(info)
        engagement = engagement_of(info, input.engagement_id)
        if engagement is None:
            return CasePlanPayload(errors=not_found("engagement_id", "engagement"))
        return payload_of(
            CasePlanPayload,
            lambda: CasePlanPayload(
                plan=services.plan_create(
                    actor=user_of(info), engagement=engagement, review_on=input.review_on
                )
            ),
        )

    @strawberry.mutation(description="Add a goal to a case plan.")
    def plan_goal_add(self, info: Info, input: PlanGoalAddInput) -> PlanGoalPayload:  # noqa: A002
        check_can_write(info)
        plan = _plan(info, input.plan_id)
        if plan is None:
            return PlanGoalPayload(errors=not_found("plan_id", "case plan"))
        return payload_of(
            PlanGoalPayload,
            lambda: PlanGoalPayload(
                goal=services.goal_add(
                    actor=user_of(info),
                    plan=plan,
                    what=input.what,
                    why=input.why,
                    by_when=input.by_when,
                    who=input.who,
                )
            ),
        )

    @strawberry.mutation(description="Change a goal (History keeps the version before).")
    def plan_goal_update(
        self,
        info: Info,
        goal_id: relay.GlobalID,
        input: PlanGoalUpdateInput,  # noqa: A002
    ) -> PlanGoalPayload:
        check_can_write(info)
        goal = _goal(info, goal_id)
        if goal is None:
            return PlanGoalPayload(errors=not_found("goal_id", "goal"))
        changes = _given(input)
        if input.by_when is None:
            changes["by_when"] = None
        return payload_of(
            PlanGoalPayload,
            lambda: PlanGoalPayload(
                goal=services.goal_update(
                    actor=user_of(info), goal=goal, reason=input.reason, **changes
                )
            ),
        )

    @strawberry.mutation(description="Add an action under a goal.")
    def plan_action_add(self, info: Info, input: PlanActionAddInput) -> PlanActionPayload:  # noqa: A002
        check_can_write(info)
        goal = _goal(info, input.goal_id)
        if goal is None:
            return PlanActionPayload(errors=not_found("goal_id", "goal"))
        owner = _colleague(input.owner_id)
        if owner is None:
            return PlanActionPayload(errors=not_found("owner_id", "colleague"))
        return payload_of(
            PlanActionPayload,
            lambda: PlanActionPayload(
                action=services.action_add(
                    actor=user_of(info),
                    goal=goal,
                    what=input.what,
                    owner=owner,
                    due_on=input.due_on,
                    status=input.status,
                )
            ),
        )

    @strawberry.mutation(description="Change an action: its status, owner, due date or words.")
    def plan_action_update(
        self,
        info: Info,
        action_id: relay.GlobalID,
        input: PlanActionUpdateInput,  # noqa: A002
    ) -> PlanActionPayload:
        check_can_write(info)
        public_id = public_id_of(action_id, "PlanAction")
        user = user_of(info)
        action = selectors.action_get(user=user, public_id=public_id) if public_id else None
        if action is None:
            return PlanActionPayload(errors=not_found("action_id", "action"))
        changes = _given(input)
        if "owner_id" in changes:
            changes["owner"] = _colleague(changes.pop("owner_id"))
            if changes["owner"] is None:
                return PlanActionPayload(errors=not_found("owner_id", "colleague"))
        return payload_of(
            PlanActionPayload,
            lambda: PlanActionPayload(
                action=services.action_update(
                    actor=user, action=action, reason=input.reason, **changes
                )
            ),
        )

    @strawberry.mutation(
        description="Record a review: every goal's progress and the next review date. "
        "A review is never changed once recorded."
    )
    def plan_review_record(self, info: Info, input: PlanReviewInput) -> PlanReviewPayload:  # noqa: A002
        check_can_write(info)
        plan = _plan(info, input.plan_id)
        if plan is None:
            return PlanReviewPayload(errors=not_found("plan_id", "case plan"))
        progress = {}
        for row in input.progress:
            public_id = public_id_of(row.goal_id, "PlanGoal")
            progress[str(public_id)] = (row.progress, row.comment)
        return payload_of(
            PlanReviewPayload,
            lambda: PlanReviewPayload(
                review=services.review_record(
                    actor=user_of(info),
                    plan=plan,
                    progress=progress,
                    comment=input.comment,
                    next_review_on=input.next_review_on,
                )
            ),
        )

    @strawberry.mutation(description="Send a draft plan to a manager (your line manager).")
    def case_plan_submit(
        self,
        info: Info,
        plan_id: relay.GlobalID,
        approver_id: relay.GlobalID,
        comment: str = "",
    ) -> CasePlanPayload:
        check_can_write(info)
        plan = _plan(info, plan_id)
        if plan is None:
            return CasePlanPayload(errors=not_found("plan_id", "case plan"))
        approver = _colleague(approver_id)
        if approver is None:
            return CasePlanPayload(errors=not_found("approver_id", "colleague"))

        def work():
            services.approval_submit(
                actor=user_of(info), plan=plan, approver=approver, comment=comment
            )
            return CasePlanPayload(
                plan=selectors.plan_get(user=user_of(info), public_id=plan.public_id)
            )

        return payload_of(CasePlanPayload, work)

    @strawberry.mutation(
        description="Approve a plan sent to you, or return it with a comment. Never your own."
    )
    def case_plan_decide(
        self, info: Info, plan_id: relay.GlobalID, approve: bool, comment: str = ""
    ) -> CasePlanPayload:
        check_can_write(info)
        plan = _plan(info, plan_id)
        pending = selectors.approval_pending(plan=plan) if plan is not None else None
        if pending is None:
            return CasePlanPayload(errors=not_found("plan_id", "case plan waiting for approval"))

        def work():
            services.approval_decide(
                actor=user_of(info), request=pending, approve=approve, comment=comment
            )
            return CasePlanPayload(
                plan=selectors.plan_get(user=user_of(info), public_id=plan.public_id)
            )

        return payload_of(CasePlanPayload, work)

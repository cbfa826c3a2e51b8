"""Who may read and write case plans. A plan is seen by whoever may see its engagement
(its owner, managers, DSLs and those it is shared with: casework.policy); it is written
by whoever may record casework on it while it is open, and by a manager once it has
ended. selectors.plans_visible_to is the same rule in SQL. Approval reuses the
safeguarding closure's rule: a manager or DSL decides, never the submitter."""

from casework import policy as casework_policy
from casework.policy import CaseworkRefused
from casework.safeguarding import policy as safeguarding_policy

__all__ = ["CaseworkRefused"]

can_approve = safeguarding_policy.can_approve_closures


def can_see_plan(user, plan) -> bool:
    return casework_policy.can_record_casework(user) and casework_policy.can_see_engagement(
        user, plan.engagement
    )


def can_write_plan(user, engagement) -> bool:
    if not casework_policy.can_record_casework(user):
        return False
    return casework_policy.can_see_engagement(user, engagement) and (
        engagement.is_open or casework_policy.can_see_all_engagements(user)
    )


def check_write_plan(user, engagement) -> None:
    if can_write_plan(user, engagement):
        return
    casework_policy.check_record_casework(user)
    if casework_policy.can_see_engagement(user, engagement):
        raise CaseworkRefused("This engagement has ended: only a manager can change its plan.")
    raise CaseworkRefused("You cannot write a plan in this engagement.")


def check_change_plan(user, plan) -> None:
    """Goals and actions change while the plan is a draft or in force; while it waits
    for approval it stays as it was sent."""
    check_write_plan(user, plan.engagement)
    from casework.plans.models import PlanStatus

    if plan.status == PlanStatus.AWAITING_APPROVAL:
        raise CaseworkRefused(
            "The plan is waiting for approval: it changes once it is approved or returned."
        )


def change_needs_reason(plan) -> bool:
    """Changing or removing a goal or action of a plan that was approved, or of an
    ended engagement, needs a reason (kept on the History)."""
    return plan.approved_at is not None or not plan.engagement.is_open


def can_change_settings(user) -> bool:
    return casework_policy.can_manage_programmes(user)


def check_change_settings(user) -> None:
    if not can_change_settings(user):
        raise CaseworkRefused("Only managers decide whether case plans need approval.")


def can_decide(user, request) -> bool:
    return can_see_plan(user, request.plan) and safeguarding_policy.can_decide(user, request)


def check_decide(user, request) -> None:
    safeguarding_policy.check_decide(user, request, what="case plan")
    if not can_see_plan(user, request.plan):
        raise CaseworkRefused("You cannot see this case plan.")

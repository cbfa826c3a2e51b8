"""Writing a case plan: create it, add, change and remove goals and actions. Who may is
policy's; every change is kept by the change history, attributed to the actor, with the
reason when one is needed (a plan that was approved, an ended engagement)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from casework.models import Engagement
from casework.plans import policy, selectors
from casework.plans.models import (
    ACTIONS_PER_GOAL_MAX,
    GOALS_MAX,
    ActionStatus,
    CasePlan,
    Goal,
    PlanAction,
    PlanStatus,
)
from casework.policy import check_reason, check_removal_reason
from casework.services.removal import mark_removed
from casework.tracking import attributed
from casework.worklist.services import tasks_complete_for

GOAL_FIELDS = ("what", "why", "by_when", "who")
ACTION_FIELDS = ("what", "owner", "due_on", "status")
REASON_WHY = "the plan was approved, or its engagement has ended"


def plan_url(plan: CasePlan) -> str:
    """The plan's page: its engagement's Plans tab."""
    return reverse("engagement_plans", args=[plan.engagement.public_id])


def action_url(action: PlanAction) -> str:
    """Where an overdue action's task links to (each action its own link)."""
    return f"{plan_url(action.plan)}#action-{action.public_id}"


def review_url(plan: CasePlan) -> str:
    return f"{plan_url(plan)}#review-{plan.public_id}"


def plan_locked(*, plan: CasePlan) -> CasePlan:
    """The plan, locked, with its engagement (for the policy's checks)."""
    return (
        CasePlan.objects.select_for_update(of=("self",))
        .select_related("engagement__contact")
        .get(pk=plan.pk)
    )


def future_date_check(field: str, value, *, what: str, today=None) -> None:
    if not isinstance(value, date):
        raise ValidationError({field: f"Enter the date of the {what}."})
    if value < (today or timezone.localdate()):
        raise ValidationError({field: f"The {what} cannot be in the past."})


@attributed
def plan_create(*, actor, engagement: Engagement, review_on: date) -> CasePlan:
    """A case plan in an engagement (one each). In force at once, or a draft to send
    for approval when the partner asks for approval."""
    policy.check_write_plan(actor, engagement)
    future_date_check("review_on", review_on, what="first review")
    needs_approval = selectors.plan_settings().approval_required
    with transaction.atomic():
        engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
        policy.check_write_plan(actor, engagement)
        try:
            with transaction.atomic():
                return CasePlan.objects.create(
                    engagement=engagement,
                    review_on=review_on,
                    status=PlanStatus.DRAFT if needs_approval else PlanStatus.IN_FORCE,
                    created_by=actor,
                )
        except IntegrityError as exc:
            raise ValidationError("This engagement already has a case plan.") from exc


def _goal_cleaned(*, what, why, by_when, who) -> dict:
    errors = {}
    what, why, who = (what or "").strip(), (why or "").strip(), (who or "").strip()
    if not what:
        errors["what"] = "Enter the goal: what the person wants to achieve."
    if by_when is not None and not isinstance(by_when, date):
        errors["by_when"] = "Enter the date the goal should be met by."
    if errors:
        raise ValidationError(errors)
    return {"what": what, "why": why, "by_when": by_when, "who": who}


@attributed
def goal_add(
    *, actor, plan: CasePlan, what: str, why: str = "", by_when: date | None = None, who: str = ""
) -> Goal:
    details = _goal_cleaned(what=what, why=why, by_when=by_when, who=who)
    with transaction.atomic():
        plan = plan_locked(plan=plan)
        policy.check_change_plan(actor, plan)
        if plan.goals.count() >= GOALS_MAX:
            raise ValidationError(f"A plan holds at most {GOALS_MAX} goals.")
        return Goal.objects.create(plan=plan, **details)


@attributed
def goal_update(*, actor, goal: Goal, reason: str = "", **changes) -> Goal:
    """Change a goal's details; History keeps the version before, and the reason."""
    unknown = set(changes) - set(GOAL_FIELDS)
    if unknown:
        raise ValidationError({name: "This cannot be changed on a goal." for name in unknown})
    with transaction.atomic():
        plan = plan_locked(plan=goal.plan)
        policy.check_change_plan(actor, plan)
        goal = Goal.objects.select_for_update().get(pk=goal.pk, removed_at__isnull=True)
        current = {name: getattr(goal, name) for name in GOAL_FIELDS}
        details = _goal_cleaned(**{**current, **changes})
        changed = [name for name in GOAL_FIELDS if details[name] != current[name]]
        if not changed:
            return goal
        check_reason(policy.change_needs_reason(plan), reason, why=REASON_WHY)
        for name in changed:
            setattr(goal, name, details[name])
        goal.save(update_fields=changed)
    return goal


@attributed
def goal_remove(*, actor, goal: Goal, reason: str) -> Goal:
    """A goal entered in error, with its actions: marked removed, never deleted."""
    check_removal_reason(reason)
    with transaction.atomic():
        plan = plan_locked(plan=goal.plan)
        policy.check_change_plan(actor, plan)
        goal = Goal.objects.select_for_update().get(pk=goal.pk, removed_at__isnull=True)
        for action in goal.actions.filter(removed_at__isnull=True):
            mark_removed(action, actor=actor, reason=reason)
            tasks_complete_for(link_url=action_url(action))
        return mark_removed(goal, actor=actor, reason=reason)


def _action_cleaned(*, what, owner, due_on, status, engagement) -> dict:
    errors = {}
    what = (what or "").strip()
    if not what:
        errors["what"] = "Enter the action: what will be done."
    if owner is None or not owner.is_active:
        errors["owner"] = "Choose an active colleague to own the action."
    elif not policy.can_see_plan(owner, _PlanOf(engagement)):
        errors["owner"] = (
            f"{owner.get_full_name()} cannot see this engagement: choose someone who can, "
            "or share the engagement with them first."
        )
    if not isinstance(due_on, date):
        errors["due_on"] = "Enter the date the action is due."
    if status not in ActionStatus.values:
        errors["status"] = "Choose to do, in progress, done or no longer needed."
    if errors:
        raise ValidationError(errors)
    return {"what": what, "owner": owner, "due_on": due_on, "status": status}


class _PlanOf:
    """Stands for a plan in an engagement, for policy.can_see_plan."""

    def __init__(self, engagement):
        self.engagement = engagement


@attributed
def action_add(
    *,
    actor,
    goal: Goal,
    what: str,
    owner,
    due_on: date,
    status: str = ActionStatus.TO_DO,
) -> PlanAction:
    with transaction.atomic():
        plan = plan_locked(plan=goal.plan)
        policy.check_change_plan(actor, plan)
        details = _action_cleaned(
            what=what, owner=owner, due_on=due_on, status=status, engagement=plan.engagement
        )
        goal = Goal.objects.select_for_update().get(pk=goal.pk, removed_at__isnull=True)
        if goal.actions.count() >= ACTIONS_PER_GOAL_MAX:
            raise ValidationError(f"A goal holds at most {ACTIONS_PER_GOAL_MAX} actions.")
        return PlanAction.objects.create(plan=plan, goal=goal, **details)


@attributed
def action_update(*, actor, action: PlanAction, reason: str = "", **changes) -> PlanAction:
    """Change an action (its status too); a done or no-longer-needed action's task is
    completed."""
    unknown = set(changes) - set(ACTION_FIELDS)
    if unknown:
        raise ValidationError({name: "This cannot be changed on an action." for name in unknown})
    with transaction.atomic():
        plan = plan_locked(plan=action.plan)
        policy.check_change_plan(actor, plan)
        action = (
            PlanAction.objects.select_for_update(of=("self",))
            .select_related("owner")
            .get(pk=action.pk, removed_at__isnull=True)
        )
        current = {name: getattr(action, name) for name in ACTION_FIELDS}
        details = _action_cleaned(**{**current, **changes}, engagement=plan.engagement)
        changed = [name for name in ACTION_FIELDS if details[name] != current[name]]
        if not changed:
            return action
        # Only moving an action along (its status) needs no reason.
        check_reason(
            policy.change_needs_reason(plan) and changed != ["status"], reason, why=REASON_WHY
        )
        for name in changed:
            setattr(action, name, details[name])
        action.save(update_fields=changed)
        if not action.is_open or {"owner", "due_on"} & set(changed):
            tasks_complete_for(link_url=action_url(action))
    return action


@attributed
def action_remove(*, actor, action: PlanAction, reason: str) -> PlanAction:
    check_removal_reason(reason)
    with transaction.atomic():
        plan = plan_locked(plan=action.plan)
        policy.check_change_plan(actor, plan)
        action = PlanAction.objects.select_for_update().get(pk=action.pk, removed_at__isnull=True)
        tasks_complete_for(link_url=action_url(action))
        return mark_removed(action, actor=actor, reason=reason)

"""Reading case plans: always through the engagements the user may see, filtered in SQL,
with what a screen shows in a fixed number of queries."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet

from casework import policy as casework_policy
from casework.history import events_page, history_of
from casework.models import ENDED_STAGES
from casework.plans.models import (
    ACTION_CLOSED,
    ApprovalRequest,
    CasePlan,
    CasePlanEvent,
    Goal,
    GoalEvent,
    GoalProgress,
    PlanAction,
    PlanActionEvent,
    PlanReview,
    PlanSettings,
    PlanStatus,
)
from casework.selectors import engagements_visible_to


def plan_settings() -> PlanSettings:
    settings, _ = PlanSettings.objects.get_or_create(pk=1)
    return settings


def plans_visible_to(*, user) -> QuerySet[CasePlan]:
    """Plans in engagements the user may see (policy.can_see_plan is the same rule)."""
    if not casework_policy.can_record_casework(user):
        return CasePlan.objects.none()
    return CasePlan.objects.filter(
        engagement__in=engagements_visible_to(user=user).values("pk"),
        engagement__contact__removed_at__isnull=True,
    )


def _on(plans, *, contact=None, engagement=None):
    if engagement is not None:
        return plans.filter(engagement=engagement)
    return plans.filter(engagement__contact=contact)


def plans_count(*, user, contact=None, engagement=None) -> int:
    """What the Plans tab counts (one query)."""
    return _on(plans_visible_to(user=user), contact=contact, engagement=engagement).count()


def _whole(plans: QuerySet[CasePlan]) -> QuerySet[CasePlan]:
    """Each plan with its current goals and their actions, its reviews with each goal's
    progress, and its approval requests with their decisions: six queries in all."""
    actions = PlanAction.objects.filter(removed_at__isnull=True).select_related("owner")
    return plans.select_related("engagement__programme", "engagement__contact").prefetch_related(
        Prefetch(
            "goals",
            queryset=Goal.objects.filter(removed_at__isnull=True).prefetch_related(
                Prefetch("actions", queryset=actions)
            ),
        ),
        Prefetch(
            "reviews",
            queryset=PlanReview.objects.prefetch_related(
                Prefetch("progress", queryset=GoalProgress.objects.select_related("goal"))
            ),
        ),
        Prefetch(
            "approval_requests",
            queryset=ApprovalRequest.objects.select_related(
                "submitted_by", "approver", "decision__decided_by"
            ),
        ),
    )


def plans_on(*, user, contact=None, engagement=None) -> QuerySet[CasePlan]:
    """An engagement's plan, or the plans of a contact's engagements the user may see."""
    return _whole(_on(plans_visible_to(user=user), contact=contact, engagement=engagement))


def _get(queryset, public_id):
    try:
        return queryset.filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def plan_get(*, user, public_id) -> CasePlan | None:
    return _get(_whole(plans_visible_to(user=user)), public_id)


def goal_get(*, user, public_id) -> Goal | None:
    goals = Goal.objects.filter(
        removed_at__isnull=True, plan__in=plans_visible_to(user=user).values("pk")
    ).select_related("plan__engagement__contact", "plan__engagement__programme")
    return _get(goals, public_id)


def action_get(*, user, public_id) -> PlanAction | None:
    actions = PlanAction.objects.filter(
        removed_at__isnull=True, plan__in=plans_visible_to(user=user).values("pk")
    ).select_related("goal", "owner", "plan__engagement__contact", "plan__engagement__programme")
    return _get(actions, public_id)


def approval_request_get(*, user, public_id) -> ApprovalRequest | None:
    requests = ApprovalRequest.objects.filter(
        plan__in=plans_visible_to(user=user).values("pk")
    ).select_related("plan__engagement__contact", "plan__engagement__programme", "submitted_by")
    return _get(requests, public_id)


def approval_pending(*, plan: CasePlan) -> ApprovalRequest | None:
    """The request waiting for a decision (from the prefetched requests)."""
    for request in plan.approval_requests.all():
        if not hasattr(request, "decision"):
            return request
    return None


# --- overdue: the owner's home page and the daily sweep --------------------------------


def actions_overdue(*, today: date) -> QuerySet[PlanAction]:
    """Open actions past their due date, of plans in force (every owner's)."""
    return PlanAction.objects.filter(
        removed_at__isnull=True,
        due_on__lt=today,
        plan__status=PlanStatus.IN_FORCE,
        goal__removed_at__isnull=True,
    ).exclude(status__in=ACTION_CLOSED)


def reviews_overdue(*, today: date) -> QuerySet[CasePlan]:
    """Plans in force whose review date has passed, in open engagements."""
    return CasePlan.objects.filter(status=PlanStatus.IN_FORCE, review_on__lt=today).exclude(
        engagement__stage__in=ENDED_STAGES
    )


def my_overdue_actions(*, user, today: date) -> QuerySet[PlanAction]:
    """The user's own overdue actions, in engagements they may still see."""
    return (
        actions_overdue(today=today)
        .filter(owner=user, plan__in=plans_visible_to(user=user).values("pk"))
        .select_related("plan__engagement__contact", "plan__engagement__programme")
        .order_by("due_on", "id")
    )


def my_overdue_reviews(*, user, today: date) -> QuerySet[CasePlan]:
    """Overdue reviews of plans in the engagements the user owns."""
    return (
        reviews_overdue(today=today)
        .filter(engagement__owner=user)
        .select_related("engagement__contact", "engagement__programme")
        .order_by("review_on", "id")
    )


def approvals_waiting_for(*, user) -> QuerySet[ApprovalRequest]:
    """Plans sent to this user to approve, waiting for a decision."""
    return (
        ApprovalRequest.objects.filter(approver=user, decision__isnull=True)
        .filter(Q(plan__in=plans_visible_to(user=user).values("pk")))
        .select_related("plan__engagement__contact", "plan__engagement__programme", "submitted_by")
        .order_by("submitted_at")
    )


def plan_history(*, user, public_id, page=1):
    """(plan, a page of its changes, its goals' and actions') or None."""
    plan = plan_get(user=user, public_id=public_id)
    if plan is None:
        return None
    events = history_of(CasePlanEvent, GoalEvent, PlanActionEvent, references=plan)
    return plan, events_page(events, number=page, hide=("engagement", "plan"))

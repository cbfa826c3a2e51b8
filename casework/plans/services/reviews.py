"""Reviewing a plan: each current goal's progress, a comment, the next review date.
A review is only added to (the database refuses to change one)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from casework.plans import policy
from casework.plans.models import CasePlan, GoalProgress, PlanReview, Progress
from casework.plans.services.plans import future_date_check, plan_locked, review_url
from casework.tracking import attributed
from casework.worklist.services import tasks_complete_for


@attributed
def review_record(
    *, actor, plan: CasePlan, progress: dict, comment: str, next_review_on: date
) -> PlanReview:
    """`progress`: goal public id (as text) -> (progress, comment) for every current goal."""
    comment = (comment or "").strip()
    errors = {}
    if not comment:
        errors["comment"] = "Say how the plan is going: what was discussed at the review."
    try:
        future_date_check("next_review_on", next_review_on, what="next review")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    with transaction.atomic():
        plan = plan_locked(plan=plan)
        policy.check_write_plan(actor, plan.engagement)
        if not plan.is_in_force:
            raise ValidationError("Only a plan in force is reviewed: approve it first.")
        goals = list(plan.goals.filter(removed_at__isnull=True))
        given = {str(k): v for k, v in (progress or {}).items()}
        unknown = set(given) - {str(g.public_id) for g in goals}
        if unknown:
            errors["progress"] = "Give progress only for this plan's goals."
        rows = []
        for goal in goals:
            value, words = given.get(str(goal.public_id), (None, ""))
            if value not in Progress.values:
                errors[f"goal_{goal.public_id}"] = (
                    f"Choose the progress of “{goal.what}”: not started, in progress, "
                    "achieved or no longer needed."
                )
            rows.append((goal, value, (words or "").strip()))
        if not goals:
            errors["progress"] = "Add a goal before reviewing the plan."
        if errors:
            raise ValidationError(errors)
        review = PlanReview.objects.create(
            plan=plan,
            comment=comment,
            next_review_on=next_review_on,
            author=actor,
            author_name=actor.get_full_name(),
        )
        GoalProgress.objects.bulk_create(
            GoalProgress(review=review, goal=goal, progress=value, comment=words)
            for goal, value, words in rows
        )
        tasks_complete_for(link_url=review_url(plan))
        plan.review_on = next_review_on
        plan.save(update_fields=["review_on"])
    return review

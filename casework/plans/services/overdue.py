"""The daily sweep in one partner: every overdue action becomes a task for its owner,
every overdue review a task for the engagement's owner. Idempotent: a task exists once
per item and due date (run twice, late, or after a killed worker, it adds nothing);
the task is completed when the action is done or the plan reviewed."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from casework.plans import selectors
from casework.plans.services.plans import action_url, review_url
from casework.worklist.models import Task
from casework.worklist.services import task_assign
from casework.worklist.subjects import person_initials


@dataclass
class SweepResult:
    created: int = 0
    skipped: int = 0


def _give(result, *, assignee, title, due_on, link_url) -> None:
    if (
        not assignee.is_active
        or Task.objects.filter(assignee=assignee, link_url=link_url, due_on=due_on).exists()
    ):
        result.skipped += 1
        return
    task_assign(actor=None, assignee=assignee, title=title[:200], due_on=due_on, link_url=link_url)
    result.created += 1


def overdue_sweep(*, today: date | None = None) -> SweepResult:
    today = today or timezone.localdate()
    result = SweepResult()
    actions = selectors.actions_overdue(today=today).select_related(
        "owner", "plan__engagement__contact", "plan__engagement__programme"
    )
    for action in actions.iterator():
        who = person_initials(action.plan.engagement.contact)
        _give(
            result,
            assignee=action.owner,
            title=f"Case plan action for {who} overdue: {action.what}",
            due_on=action.due_on,
            link_url=action_url(action),
        )
    plans = selectors.reviews_overdue(today=today).select_related(
        "engagement__owner", "engagement__contact", "engagement__programme"
    )
    for plan in plans.iterator():
        who = person_initials(plan.engagement.contact)
        _give(
            result,
            assignee=plan.engagement.owner,
            title=f"Case plan review for {who} overdue ({plan.engagement.programme.name})",
            due_on=plan.review_on,
            link_url=review_url(plan),
        )
    return result

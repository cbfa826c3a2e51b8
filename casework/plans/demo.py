"""A demo case plan on the family centre's first child: approved by the manager (the demo
partner asks for approval), reviewed once, with one action overdue so it shows on the
practitioner's home page (idempotent)."""

from datetime import timedelta

from django.utils import timezone

from casework.models import Engagement
from casework.plans import services
from casework.plans.models import CasePlan, PlanSettings


def plans_demo_seed(*, practitioner, manager) -> None:
    engagement = Engagement.objects.order_by("id").first()
    if engagement is None or CasePlan.objects.exists():
        return
    today = timezone.localdate()
    PlanSettings.objects.update_or_create(pk=1, defaults={"approval_required": True})
    plan = services.plan_create(
        actor=practitioner, engagement=engagement, review_on=today + timedelta(days=1)
    )
    sleep = services.goal_add(
        actor=practitioner,
        plan=plan,
        what="A calm bedtime routine, asleep by 8pm most nights",
        why="Tired mornings make nursery drop-off hard for everyone.",
        by_when=today + timedelta(days=56),
        who="Mum, the family support worker",
    )
    nursery = services.goal_add(
        actor=practitioner,
        plan=plan,
        what="Settled at nursery three mornings a week",
        why="Time with other children, and a break for mum.",
        by_when=today + timedelta(days=84),
        who="Mum, nursery key worker",
    )
    services.action_add(
        actor=practitioner,
        goal=sleep,
        what="Share the bedtime routine chart and go through it with mum",
        owner=practitioner,
        due_on=today - timedelta(days=3),
    )
    services.action_add(
        actor=practitioner,
        goal=nursery,
        what="Visit nursery with mum to meet the key worker",
        owner=practitioner,
        due_on=today + timedelta(days=7),
        status="in_progress",
    )
    request = services.approval_submit(
        actor=practitioner, plan=plan, approver=manager, comment="First plan with mum."
    )
    services.approval_decide(
        actor=manager, request=request, approve=True, comment="Clear goals, agreed with mum."
    )
    services.review_record(
        actor=practitioner,
        plan=plan,
        progress={
            str(sleep.public_id): ("in_progress", "Asleep by 8pm four nights last week."),
            str(nursery.public_id): ("not_started", "Nursery place starts next month."),
        },
        comment="Reviewed with mum at home: bedtimes are better; nursery starts soon.",
        next_review_on=today + timedelta(days=28),
    )

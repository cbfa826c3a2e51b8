"""Case plans: what an engagement is working towards. A plan has goals (what, why, by
when, who), actions under each goal (owner, due date, status) and a review date.
Reviews record each goal's progress and set the next review; they are only added to
(the database refuses to change or delete one). Where the partner asks for it, a plan
is approved by a line manager before it is in force: requests and decisions are only
added to, and a decision is never the submitter's (casework.safeguarding.policy)."""

import uuid

from django.conf import settings
from django.db import models

from casework.models import Engagement, Removable
from casework.tracking import append_only_triggers, tracked

# The most goals a plan holds, and actions a goal holds (removed ones included): the API
# returns them whole (graphql_api/limits.py).
GOALS_MAX = 20
ACTIONS_PER_GOAL_MAX = 20
# The API shows a plan's latest reviews and approval requests, at most this many.
LATEST_SHOWN = 20


class PlanSettings(models.Model):
    """One row per partner: whether a case plan needs a line manager's approval."""

    approval_required = models.BooleanField(
        "Case plans need approval",
        default=False,
        help_text="A plan is in force once the author's line manager (or another manager) "
        "approves it.",
    )

    def __str__(self):
        return "plans need approval" if self.approval_required else "plans need no approval"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_APPROVAL = "awaiting_approval", "Waiting for approval"
    IN_FORCE = "in_force", "In force"


@tracked()
class CasePlan(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.OneToOneField(
        Engagement, on_delete=models.PROTECT, related_name="case_plan"
    )
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    review_on = models.DateField("next review")
    approved_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["review_on"], name="plan_review_on")]

    def __str__(self):
        return f"case plan, review {self.review_on:%d/%m/%Y}"

    @property
    def is_in_force(self) -> bool:
        return self.status == PlanStatus.IN_FORCE


@tracked()
class Goal(Removable):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(CasePlan, on_delete=models.PROTECT, related_name="goals")
    what = models.CharField("goal", max_length=300)
    why = models.TextField("why it matters", blank=True)
    by_when = models.DateField("by when", null=True, blank=True)
    who = models.CharField("who is involved", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.what


class ActionStatus(models.TextChoices):
    TO_DO = "to_do", "To do"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    NOT_NEEDED = "not_needed", "No longer needed"


ACTION_CLOSED = (ActionStatus.DONE, ActionStatus.NOT_NEEDED)


@tracked()
class PlanAction(Removable):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(CasePlan, on_delete=models.PROTECT, related_name="actions")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="actions")
    what = models.CharField("action", max_length=300)
    # plan_action_owner leads with it: a second index of its own would cost a page a partner
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    due_on = models.DateField("due")
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.TO_DO
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "status", "due_on"], name="plan_action_owner")]

    def __str__(self):
        return self.what

    @property
    def is_open(self) -> bool:
        return self.status not in ACTION_CLOSED


class Progress(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    ACHIEVED = "achieved", "Achieved"
    NOT_NEEDED = "not_needed", "No longer needed"


class PlanReview(models.Model):
    """A review of the plan: each goal's progress, a comment, the next review date.
    Append-only (trigger)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(CasePlan, on_delete=models.PROTECT, related_name="reviews")
    comment = models.TextField()
    next_review_on = models.DateField("next review")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_name = models.CharField(max_length=200)
    reviewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_at", "-id"]
        triggers = append_only_triggers()

    def __str__(self):
        return f"review by {self.author_name}"


class GoalProgress(models.Model):
    """One goal's progress at a review. Append-only (trigger)."""

    # goal_progress_once leads with it: a second index of its own would cost a page a partner
    review = models.ForeignKey(
        PlanReview, on_delete=models.PROTECT, related_name="progress", db_index=False
    )
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="progress")
    progress = models.CharField(max_length=20, choices=Progress.choices)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        triggers = append_only_triggers()
        constraints = [
            models.UniqueConstraint(fields=["review", "goal"], name="goal_progress_once")
        ]

    def __str__(self):
        return f"{self.goal}: {self.get_progress_display()}"


class ApprovalRequest(models.Model):
    """A plan sent for approval. Append-only; its outcome is an ApprovalDecision."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(CasePlan, on_delete=models.PROTECT, related_name="approval_requests")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        triggers = append_only_triggers()

    def __str__(self):
        return "case plan sent for approval"


class Decision(models.TextChoices):
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned for changes"


class ApprovalDecision(models.Model):
    """One per request (the database refuses a second). Append-only."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.OneToOneField(
        ApprovalRequest, on_delete=models.PROTECT, related_name="decision"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Decision.choices)
    comment = models.TextField(blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        triggers = append_only_triggers()

    def __str__(self):
        return self.get_outcome_display()

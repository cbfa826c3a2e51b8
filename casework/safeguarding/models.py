"""Safeguarding cases: a concern about a child, recorded in the child's engagement,
monitored on a clock and closed only through a manager's approval. Monitoring
actions and the approval history are append-only in the database (triggers)."""

import uuid

from django.conf import settings
from django.db import models

from casework.safeguarding import clock
from casework.tracking import tracked
from tenants.corrections import Correction


class Threshold(models.TextChoices):
    HIGH = clock.HIGH, "High"
    LOW = clock.LOW, "Low"


THRESHOLD_GUIDANCE = {
    Threshold.HIGH: (
        "Child protection or child in need: the child is suffering, or may be at risk of, "
        "significant harm – including harm caused by the child themselves (self-harm, "
        "suicidal thoughts, violence towards others, radicalisation) and witnessing domestic "
        "abuse. Any concern about a child already on a plan, looked after or subject to "
        "child protection is High. Update required within 7 days."
    ),
    Threshold.LOW: (
        "Early intervention or prevention: support for parents or carers, or a meeting with "
        "them about the concern, with monitoring and escalation if it remains. Update "
        "required within 21 days."
    ),
}


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSURE_PENDING = "closure_pending", "Closure pending"
    CLOSED = "closed", "Closed"


class SafeguardingSettings(models.Model):
    """One row per partner: the case number counter and when overdue cases escalate."""

    next_case_number = models.PositiveIntegerField(default=1)
    escalation_days = models.PositiveSmallIntegerField(
        default=3,
        help_text="Overdue by more than this many days: the line manager and DSLs are told.",
    )

    def __str__(self):
        return f"escalate after {self.escalation_days} days overdue"


# The clock's start moves with every monitoring action, which the comments already show.
@tracked(exclude=("clock_started_on",))
class SafeguardingCase(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.PositiveIntegerField(unique=True)  # sequential per partner
    engagement = models.ForeignKey(
        "casework.Engagement", on_delete=models.PROTECT, related_name="safeguarding_cases"
    )
    # sg_case_owner_status leads with it: a second index of its own would cost a page a partner
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="safeguarding_cases",
        db_index=False,
    )
    threshold = models.CharField(max_length=10, choices=Threshold.choices)
    description = models.TextField()
    # Summary of initial actions: facts only.
    raised_with = models.TextField(help_text="Name, job title and safeguarding role.")
    information_from_professionals = models.TextField(blank=True)
    decision_basis = models.TextField(blank=True)
    actions_agreed = models.TextField()
    la_notified = models.BooleanField(default=False)
    la_notified_on = models.DateField(null=True, blank=True)
    la_notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    # The clock: restarted by each monitoring action and by a rejected closure request.
    clock_started_on = models.DateField()
    next_update_due = models.DateField(null=True, blank=True)  # None: paused or closed
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        indexes = [
            models.Index(
                fields=["next_update_due"],
                condition=models.Q(next_update_due__isnull=False),
                name="sg_case_due",
            ),
            models.Index(fields=["owner", "status"], name="sg_case_owner_status"),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"SG-{self.number:05d}"

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED

    @property
    def is_paused(self) -> bool:
        return self.status == CaseStatus.CLOSURE_PENDING

    @property
    def update_within_days(self) -> int:
        return clock.update_within_days(self.threshold)


class MonitoringAction(models.Model):
    """A case comment. Append-only (trigger): never edited, never deleted; a wrong one is
    answered by a MonitoringActionCorrection."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(SafeguardingCase, on_delete=models.PROTECT, related_name="actions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Copies, as they were when written: a later change of name or job keeps the record true.
    author_name = models.CharField(max_length=200)
    author_job_title = models.CharField(max_length=200, blank=True)
    actions_taken = models.TextField()
    taken_by = models.CharField(max_length=500)
    rationale = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.case} update by {self.author_name}"


class ClosureRequest(models.Model):
    """A request to close a case. Append-only; its outcome is a ClosureDecision."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        SafeguardingCase, on_delete=models.PROTECT, related_name="closure_requests"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField()
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self):
        return f"closure of {self.case} requested"


class Outcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class ClosureDecision(models.Model):
    """One per request (the database refuses a second). Append-only; a wrong comment is
    answered by a ClosureDecisionCorrection (the outcome itself stands)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.OneToOneField(
        ClosureRequest, on_delete=models.PROTECT, related_name="decision"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    comment = models.TextField()
    decided_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.request}"


class MonitoringActionCorrection(Correction):
    """“Entered in error: …” or the corrected text of a monitoring action. Append-only."""

    action = models.ForeignKey(
        MonitoringAction, on_delete=models.PROTECT, related_name="corrections"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(Correction.Meta):
        pass


class ClosureDecisionCorrection(Correction):
    """“Entered in error: …” or the corrected comment of a closure decision. Append-only."""

    decision = models.ForeignKey(
        ClosureDecision, on_delete=models.PROTECT, related_name="corrections"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(Correction.Meta):
        pass

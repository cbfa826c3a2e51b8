"""Assessments a partner designs: a template (built by managers, in sections of typed
questions, with optional scored domains) is published as numbered versions; each version's
definition is frozen JSON (validated on publish, never changed: the database refuses). An
assessment is filled on an engagement with one version and always renders with it:
draft, then completed; a completed one is put right by correction entries beside it (the
database refuses to rewrite it), and, where the template asks, approved by a manager or
safeguarding lead who did not complete it (an append-only decision)."""

import uuid

import pgtrigger
from django.conf import settings
from django.db import models

from casework.models import Contact, Engagement
from casework.tracking import NOT_A_MERGE_MOVE, AppendOnly, append_only_triggers, tracked
from tenants.corrections import Correction


def empty_definition() -> dict:
    return {"sections": [], "domains": []}


@tracked()
class AssessmentTemplate(models.Model):
    """A partner's own template. `draft` is the definition managers are editing; what is
    filled in is always a published TemplateVersion."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # Partner kinds the template suits, space-separated ("" = every kind): the template
    # schema holds one default per kind, and each partner offers those of its own kind.
    for_kinds = models.CharField(max_length=100, blank=True)
    requires_approval = models.BooleanField("completed assessments need approval", default=False)
    draft = models.JSONField(default=empty_definition)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class TemplateVersion(models.Model):
    """One published version: its definition never changes (append-only)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # one_version_number leads with it: a second index of its own would cost a page a partner
    template = models.ForeignKey(
        AssessmentTemplate,
        on_delete=models.PROTECT,
        related_name="versions",
        db_index=False,
    )
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    definition = models.JSONField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="one_version_number")
        ]
        triggers = append_only_triggers()

    def __str__(self):
        return f"{self.name} (version {self.number})"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    COMPLETED = "completed", "Completed"


@tracked()
class Assessment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # assessment_contact leads with it: a second index of its own would cost a page a partner
    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, related_name="assessments", db_index=False
    )
    # assessment_engagement leads with it: a second index of its own would cost a page a partner
    engagement = models.ForeignKey(
        Engagement, on_delete=models.PROTECT, related_name="assessments", db_index=False
    )
    version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    # {question key: answer} (text, number, "YYYY-MM-DD", choice, [choices], bool, int).
    answers = models.JSONField(default=dict)
    # {domain key: score} and their total, worked out on completion.
    scores = models.JSONField(default=dict)
    total_score = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    needs_approval = models.BooleanField(default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-completed_at", "-created_at", "-id"]
        indexes = [
            models.Index(fields=["engagement", "-created_at"], name="assessment_engagement"),
            models.Index(fields=["contact", "-created_at"], name="assessment_contact"),
        ]
        triggers = [
            AppendOnly(name="never_deleted", operation=pgtrigger.Delete),
            AppendOnly(
                name="never_truncated", operation=pgtrigger.Truncate, level=pgtrigger.Statement
            ),
            # Once completed, an assessment is put right by a correction, never rewritten.
            AppendOnly(
                name="fixed_once_completed",
                operation=pgtrigger.Update,
                condition=pgtrigger.Condition(f"OLD.status = 'completed' AND {NOT_A_MERGE_MOVE}"),
            ),
        ]

    def __str__(self):
        return f"{self.version.name} ({self.get_status_display().lower()})"

    @property
    def is_completed(self) -> bool:
        return self.status == AssessmentStatus.COMPLETED


class AssessmentCorrection(Correction):
    """“Entered in error: …” or the corrected answer, beside the assessment. Append-only."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="corrections")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(Correction.Meta):
        triggers = append_only_triggers()


class Outcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Not approved"


class AssessmentDecision(models.Model):
    """One per assessment (the database refuses a second), never by who completed it.
    Append-only."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="decision")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    comment = models.TextField()
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        triggers = append_only_triggers()

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.assessment}"

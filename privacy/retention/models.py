"""Retention and erasure (issue 19): how long each type of record is kept and what then
happens to it, legal holds that stop any disposal, the batches a data protection officer
confirms, and the append-only record of what was disposed of (never its content)."""

import uuid

from django.conf import settings
from django.db import models

from casework.tracking import append_only_triggers


class RecordType(models.TextChoices):
    SUPPORT_CASE = "support_case", "Support-line cases with no safeguarding"
    ANONYMOUS_CALL = "anonymous_call", "Anonymous callers' cases"
    SAFEGUARDING_CALL = "safeguarding_call", "Support-line cases with safeguarding"
    ENGAGEMENT = "engagement", "Closed engagements and their contents"
    SAFEGUARDING_CASE = "safeguarding_case", "Closed safeguarding cases"
    CUSTOMER = "customer", "Customers after their journey ends"


class Action(models.TextChoices):
    ANONYMISE = "anonymise", "Anonymise: keep the counts for reports, drop identifying details"
    ERASE = "erase", "Erase: drop every detail and all written words"


class RetentionRule(models.Model):
    """One per record type. Changes are audited (accounts' audit log)."""

    record_type = models.CharField(max_length=30, choices=RecordType.choices, unique=True)
    years = models.PositiveSmallIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["record_type"]

    def __str__(self):
        return self.get_record_type_display()


class HoldSubject(models.TextChoices):
    CONTACT = "contact", "Person (contact or caller)"
    CUSTOMER = "customer", "Customer"
    SUPPORT_CASE = "support_case", "Support-line case"
    ENGAGEMENT = "engagement", "Engagement"
    SAFEGUARDING_CASE = "safeguarding_case", "Safeguarding case"


class LegalHold(models.Model):
    """Nothing about the subject is disposed of while the hold is in place."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subject_type = models.CharField(max_length=20, choices=HoldSubject.choices)
    subject_id = models.BigIntegerField()
    # How people know the subject (a client id, a case number), not their name.
    subject_label = models.CharField(max_length=100)
    reason = models.CharField(max_length=500)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    release_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-placed_at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="hold_subject")]

    def __str__(self):
        return f"Hold on {self.subject_label}"


class Origin(models.TextChoices):
    SCHEDULE = "schedule", "Retention rules"
    REQUEST = "request", "Erasure on request"


class BatchStatus(models.TextChoices):
    DUE = "due", "Waiting for confirmation"
    SUPERSEDED = "superseded", "Replaced by a newer list"
    CONFIRMED = "confirmed", "Confirmed, waiting to run"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class DisposalBatch(models.Model):
    """What was due when it was worked out: record ids by type (`items`), and the held
    ones with their reasons (`held`). Nothing runs before a data protection officer
    confirms it; each item is checked again when it runs."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.SCHEDULE)
    status = models.CharField(max_length=12, choices=BatchStatus.choices, default=BatchStatus.DUE)
    prepared_at = models.DateTimeField(auto_now_add=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # An erasure request: whose (a client id or "customer"), and why.
    subject_label = models.CharField(max_length=100, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    items = models.JSONField(default=dict)
    held = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-prepared_at", "-id"]

    def __str__(self):
        return f"{self.get_origin_display()} of {self.prepared_at:%d/%m/%Y}"

    @property
    def is_finished(self) -> bool:
        return self.status in (BatchStatus.DONE, BatchStatus.FAILED, BatchStatus.SUPERSEDED)

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * (self.done + self.skipped) / self.total)


class Disposed(models.Model):
    """Which records are already disposed of (ids only): they are never due again."""

    record_type = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    batch = models.ForeignKey(DisposalBatch, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record_type", "object_id"], name="disposed_once")
        ]

    def __str__(self):
        return f"{self.record_type} {self.object_id}"


class DisposalRecord(models.Model):
    """What was disposed of: the type, how many, under which rule, who confirmed and
    when; never the content. Append-only in the database (UPDATE and DELETE raise)."""

    batch = models.ForeignKey(DisposalBatch, on_delete=models.PROTECT, related_name="records")
    record_type = models.CharField(max_length=30)
    record_type_label = models.CharField(max_length=100)
    count = models.PositiveIntegerField()
    rule = models.CharField(max_length=300)
    action = models.CharField(max_length=10, choices=Action.choices)
    origin = models.CharField(max_length=10, choices=Origin.choices)
    confirmed_by_name = models.CharField(max_length=200)
    confirmed_at = models.DateTimeField()
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-done_at", "-id"]
        triggers = append_only_triggers()

    def __str__(self):
        return f"{self.count} × {self.record_type_label}"

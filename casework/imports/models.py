"""Imports of records from the systems partners leave (a Salesforce org, a Dynamics 365
database, a spreadsheet's reports): the job a manager ran, and for every record it
brought in, where it came from (source system and id), so a file run again creates
nothing twice and a later file updates what it brought."""

import uuid

from django.conf import settings
from django.db import models


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", "Columns to check"
    CHECKING = "checking", "Being checked (dry run)"
    CHECKED = "checked", "Checked: ready to import"
    IMPORTING = "importing", "Being imported"
    DONE = "done", "Imported"
    FAILED = "failed", "Failed"


def import_upload_to(job, filename: str) -> str:
    # The storage adds the partner's schema folder; the random folder keeps names unguessable.
    return f"imports/{job.public_id}/{filename}"


class ImportJob(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=40)  # a key of casework.imports.registry
    source_system = models.CharField(max_length=60)
    file = models.FileField(upload_to=import_upload_to, max_length=300)
    file_name = models.CharField(max_length=200)
    headers = models.JSONField(default=list)
    # field key → column heading
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=12, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    # What the last run found (the dry run's, then the import's): counts by outcome, and
    # the first rows matched and refused, to show.
    report = models.JSONField(default=dict, blank=True)
    refused_file = models.FileField(upload_to=import_upload_to, blank=True, max_length=300)
    error = models.CharField(max_length=300, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.file_name} ({self.kind})"

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)

    @property
    def is_running(self) -> bool:
        return self.status in {ImportStatus.CHECKING, ImportStatus.IMPORTING}


class ImportedRecord(models.Model):
    """One record an import brought in (or matched), by the source's own id."""

    source_system = models.CharField(max_length=60)
    record_type = models.CharField(max_length=40)  # "contact", "household", "engagement"…
    source_id = models.CharField(max_length=100)
    object_id = models.PositiveBigIntegerField()
    # A digest of the row as last imported: the same row again changes nothing.
    fingerprint = models.CharField(max_length=64)
    job = models.ForeignKey(ImportJob, on_delete=models.PROTECT, related_name="records")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source_system", "record_type", "source_id"], name="imported_once"
            )
        ]
        indexes = [models.Index(fields=["record_type", "object_id"], name="imported_object")]

    def __str__(self):
        return f"{self.source_system} {self.record_type} {self.source_id}"

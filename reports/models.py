"""Exports a user asked for: built in the background when large, kept in the partner's
own schema and media folder, and handed back only to the person who asked."""

import uuid

from django.conf import settings
from django.db import models


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (.xlsx)"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being built"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


def export_upload_to(export, filename: str) -> str:
    # The storage adds the partner's schema folder; the random folder keeps names unguessable.
    return f"exports/{export.public_id}/{filename}"


class Export(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dataset = models.CharField(max_length=50)  # a key of reports.exports.datasets.DATASETS
    format = models.CharField(max_length=10, choices=ExportFormat.choices)
    # The filters it was asked with (dates as ISO text), so the task builds the same rows.
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=export_upload_to, blank=True, max_length=300)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.dataset} ({self.format}) for {self.requested_by_id}"

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.READY:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)

    @property
    def is_finished(self) -> bool:
        return self.status in {ExportStatus.READY, ExportStatus.FAILED}

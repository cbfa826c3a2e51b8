"""Problems staff report with the portal. Each lives in the partner's own schema; a
provider's report is also copied, without its screenshot and without record ids in its
page address, to the champions of the boroughs that refer to the provider."""

import uuid

from django.conf import settings
from django.db import models


class ProblemStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


def screenshot_upload_to(report, filename: str) -> str:
    # The partner's storage adds its schema folder; the random name keeps files unguessable
    # (and they are served only through the permission-checked view, never as media).
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"problems/{report.public_id}/{uuid.uuid4().hex}.{extension}"


class ProblemReport(models.Model):
    # Shared by a provider's report and the copies its referring boroughs get.
    public_id = models.UUIDField(default=uuid.uuid4, editable=False)
    # Empty on a copy from another partner: the reporter is not one of our users.
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="problem_reports",
    )
    reporter_name = models.CharField(max_length=200)
    from_partner_name = models.CharField(max_length=200, blank=True)  # a copy: who sent it
    also_sent_to = models.CharField(max_length=500, blank=True)  # the original: copies went to
    doing = models.TextField("what you were doing")
    page = models.CharField(max_length=300, blank=True)  # a path in the portal
    screenshot = models.ImageField(upload_to=screenshot_upload_to, blank=True, max_length=300)
    status = models.CharField(
        max_length=10, choices=ProblemStatus.choices, default=ProblemStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by_name = models.CharField(max_length=200, blank=True)
    close_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["public_id"], name="problem_report_public_id_once")
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="problem_report_status")]

    def __str__(self):
        return f"problem reported by {self.reporter_name}"

    @property
    def is_open(self) -> bool:
        return self.status == ProblemStatus.OPEN

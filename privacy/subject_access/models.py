"""Subject access exports: everything a partner holds about one person, asked for by its
data protection officer, built in the background and handed back only to them."""

import uuid

from django.conf import settings
from django.db import models

from casework.models import Contact
from customers.models import Customer


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being built"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


def bundle_upload_to(export, filename: str) -> str:
    # The storage adds the partner's schema folder; the random folder keeps names unguessable.
    return f"subject-access/{export.public_id}/{filename}"


class SubjectAccessExport(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # About one person: a contact (a caller is a contact too) or a borough's customer.
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person_name = models.CharField(max_length=250)  # as it was when asked
    # Third parties' names taken out of the bundle's text, as ticked on screen.
    redacted_names = models.JSONField(default=list, blank=True)
    # Files left out of the zip, as ticked ("<section>/<row>"): text inside arbitrary
    # files cannot be redacted, so one holding other people's details stays out.
    files_left_out = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    steps_total = models.PositiveIntegerField(default=0)
    steps_done = models.PositiveIntegerField(default=0)
    records = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=bundle_upload_to, blank=True, max_length=300)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contact__isnull=False, customer__isnull=True)
                | models.Q(contact__isnull=True, customer__isnull=False),
                name="subject_access_one_person",
            )
        ]

    def __str__(self):
        return f"Subject access: {self.person_name}"

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.READY:
            return 100
        if not self.steps_total:
            return 0
        return min(99, self.steps_done * 100 // self.steps_total)

    @property
    def is_finished(self) -> bool:
        return self.status in {ExportStatus.READY, ExportStatus.FAILED}

    @property
    def person(self):
        return self.contact if self.contact_id else self.customer

    @property
    def kind(self) -> str:
        return "contact" if self.contact_id else "customer"

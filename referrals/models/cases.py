"""A support line's cases: one need of one caller, its notes (and their corrections), the
caller's verification, signposts and the changes made after review."""

import uuid

from django.conf import settings
from django.db import models

from casework.models import Contact
from casework.tracking import tracked
from tenants.corrections import Correction


class CaseStatus(models.TextChoices):
    OPEN = "open", "Being recorded"
    READY = "ready", "Ready for review"
    RETURNED = "returned", "Returned to the call handler"
    REVIEWED = "reviewed", "Reviewed"


@tracked(exclude=("updated_at",))
class SupportCase(models.Model):
    """One need of one caller (a new need is a new case). Every change is kept (History)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    caller = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="calls_made")
    beneficiary = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="support_cases")
    beneficiary_consent_to_discuss = models.BooleanField(default=False)
    psychosocial_support = models.BooleanField(default=False)
    safeguarding_activated = models.BooleanField(default=False)
    safeguarding_reason = models.CharField(max_length=300, blank=True)
    feedback_consent = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    ready_at = models.DateTimeField(null=True, blank=True)
    returned_comment = models.TextField(blank=True)
    # Sharing without consent: who decided, why, when (SET_LAWFUL_BASIS).
    lawful_basis = models.TextField(blank=True)
    lawful_basis_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lawful_basis_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "ready_at"], name="case_queue")]

    def __str__(self):
        return self.title

    @property
    def beneficiary_is_caller(self) -> bool:
        return self.caller_id == self.beneficiary_id

    @property
    def people_with_alerts(self) -> list:
        """The caller and the person who requires support, when alerts are recorded."""
        people = [self.caller] if self.beneficiary_is_caller else [self.caller, self.beneficiary]
        return [person for person in people if person.alerts]


class CaseNote(models.Model):
    """Summary notes: added to, never edited or deleted (a trigger refuses both). A wrong
    one is answered by a CaseNoteCorrection."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(SupportCase, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    text = models.TextField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"note by {self.author} at {self.at:%Y-%m-%d %H:%M}"


class CaseNoteCorrection(Correction):
    """“Entered in error: …” or the corrected text of a summary note. Append-only."""

    note = models.ForeignKey(CaseNote, on_delete=models.PROTECT, related_name="corrections")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(Correction.Meta):
        pass


class CaseVerification(models.Model):
    """The caller's identity was confirmed against the record before the case was opened."""

    case = models.ForeignKey(SupportCase, on_delete=models.PROTECT, related_name="verifications")
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"verified by {self.verified_by} at {self.at:%Y-%m-%d %H:%M}"


class SignpostCategory(models.Model):
    """The partner's list of signpost categories."""

    name = models.CharField(max_length=120, unique=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "signpost categories"

    def __str__(self):
        return self.name


class Signpost(models.Model):
    case = models.ForeignKey(SupportCase, on_delete=models.PROTECT, related_name="signposts")
    category = models.ForeignKey(SignpostCategory, on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return str(self.category)


class CaseEvent(models.Model):
    """Changes to a case after it went to review (the data team is told of each)."""

    case = models.ForeignKey(SupportCase, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=40)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d} {self.action}"

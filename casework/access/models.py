"""Who looked at a client record, and emergency access ("break the glass").

A `RecordRead` is one row per page that showed a record (or per API request and type,
with every id read): who, when, what, from where. The table is append-only (a trigger,
and the application's database role may only SELECT and INSERT). An `EmergencyAccess`
is a 24-hour grant to an engagement its holder could not otherwise see, with the reason
given; the DSLs review each one. `AccessSettings` holds the partner's choice whether
emergency access may be asked for."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils import timezone

from casework.models import Engagement
from casework.tracking import append_only_triggers

# How long emergency access lasts.
EMERGENCY_ACCESS_HOURS = 24
EMERGENCY_ACCESS_FOR = timedelta(hours=EMERGENCY_ACCESS_HOURS)


class RecordType(models.TextChoices):
    CONTACT = "contact", "Contact"
    HOUSEHOLD = "household", "Household"
    ENGAGEMENT = "engagement", "Engagement"
    SAFEGUARDING_CASE = "safeguarding_case", "Safeguarding case"
    SUPPORT_CASE = "support_case", "Support case"
    CUSTOMER = "customer", "Customer"
    REFERRAL = "referral", "Referral"
    FILE = "file", "File download"
    EXPORT = "export", "Report or export download"


class ReadVia(models.TextChoices):
    PORTAL = "portal", "Portal"
    API = "api", "API"


class RecordRead(models.Model):
    at = models.DateTimeField(default=timezone.now)
    # record_read_reader_at leads with it: a second index of its own would cost a page a partner
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    record_type = models.CharField(max_length=20, choices=RecordType.choices)
    # Public ids: one for a page, every id read for an API request.
    record_ids = ArrayField(models.UUIDField())
    via = models.CharField(max_length=6, choices=ReadVia.choices)
    token_name = models.CharField("API token", max_length=100, blank=True)
    # Read under emergency access (break the glass).
    emergency = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at", "-id"]
        triggers = append_only_triggers()
        indexes = [
            GinIndex(fields=["record_ids"], name="record_read_ids"),
            models.Index(fields=["reader", "-at"], name="record_read_reader_at"),
        ]

    def __str__(self):
        return f"{self.get_record_type_display()} read {self.at:%d/%m/%Y %H:%M}"

    @property
    def where(self) -> str:
        if self.via == ReadVia.API:
            return f"API ({self.token_name})" if self.token_name else "API (signed-in session)"
        return "Portal"


class EmergencyAccess(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(
        Engagement, on_delete=models.PROTECT, related_name="emergency_accesses"
    )
    # emergency_access_live leads with it: a second index of its own would cost a page a partner
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="emergency_accesses",
        db_index=False,
    )
    reason = models.TextField()
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        indexes = [
            models.Index(fields=["user", "engagement", "expires_at"], name="emergency_access_live")
        ]

    def __str__(self):
        return f"emergency access until {self.expires_at:%d/%m/%Y %H:%M}"


class AccessSettings(models.Model):
    """One row per partner."""

    emergency_access_allowed = models.BooleanField(
        "Staff may ask for emergency access",
        default=True,
        help_text="Someone who cannot see an engagement may open it for 24 hours, giving a "
        "reason; the safeguarding leads and the owner are told at once.",
    )

    def __str__(self):
        return "emergency access on" if self.emergency_access_allowed else "emergency access off"

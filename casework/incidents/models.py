"""Incidents on a contact: an injury, a behaviour, going missing from home, an
allegation… with when, where, how serious, who was involved, what was done at once and
whether a follow-up is needed. The types are the partner's own list (seeded with the usual
five, kept by managers). An incident is corrected with a reason, never deleted; History
keeps every version."""

import uuid

from django.conf import settings
from django.db import models

from casework.models import Contact
from casework.tracking import tracked

DEFAULT_TYPES = ("Injury", "Behaviour", "Missing from home", "Allegation", "Other")


class Severity(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


@tracked()
class IncidentType(models.Model):
    name = models.CharField(max_length=60, unique=True)
    # Retired types stay on the incidents that used them; new incidents cannot choose them.
    in_use = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


@tracked()
class Incident(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # incident_contact_when leads with it: a second index of its own would cost a page a partner
    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, related_name="incidents", db_index=False
    )
    happened_at = models.DateTimeField("date and time")
    kind = models.ForeignKey(
        IncidentType, on_delete=models.PROTECT, related_name="incidents", verbose_name="type"
    )
    severity = models.CharField(max_length=6, choices=Severity.choices)
    location = models.CharField(max_length=200, blank=True)
    description = models.TextField()
    # People involved: contacts on the record, and anyone else named in words.
    people = models.ManyToManyField(Contact, blank=True, related_name="+")
    people_named = models.CharField("others involved", max_length=500, blank=True)
    immediate_action = models.TextField("action taken at once", blank=True)
    follow_up_needed = models.BooleanField("follow-up needed", default=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_at", "-id"]
        indexes = [models.Index(fields=["contact", "-happened_at"], name="incident_contact_when")]

    def __str__(self):
        return f"{self.kind} on {self.happened_at:%d/%m/%Y}"

    @property
    def is_high(self) -> bool:
        return self.severity == Severity.HIGH

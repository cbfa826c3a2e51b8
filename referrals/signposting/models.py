"""A support case's signpost to a service in the directory, most often an external one
(imported from another organisation's Open Referral feed, no Casebridge partner): the
service's name and the ways to reach it are copied as they were when the caller was
told, so the case keeps what was said even when the directory changes."""

from django.conf import settings
from django.db import models

from referrals.models import SupportCase


class ServiceSignpost(models.Model):
    case = models.ForeignKey(
        SupportCase, on_delete=models.PROTECT, related_name="service_signposts"
    )
    # The directory service's published id (public schema; no foreign key across schemas).
    service_public_id = models.UUIDField()
    service_name = models.CharField(max_length=200)
    organisation_name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    url = models.URLField(blank=True, max_length=500)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.service_name} ({self.organisation_name})"

    @property
    def how_to_reach(self) -> str:
        return ", ".join(x for x in (self.phone, self.email, self.url) if x)

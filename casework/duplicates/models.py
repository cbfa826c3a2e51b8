"""Likely duplicate contacts are found, not stored (casework.duplicates.selectors); what is
kept is a manager's decision that two contacts are different people, so the pair is not
offered again. A decision is append-only: it is never rewritten or deleted."""

from django.conf import settings
from django.db import models

from casework.models import Contact
from casework.tracking import append_only_triggers


class NotDuplicate(models.Model):
    # The pair in one order (first has the lower id), so it is recorded once.
    first = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=500)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="not_duplicate_once"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="not_duplicate_ordered"
            ),
        ]
        triggers = append_only_triggers()

    def __str__(self):
        return f"{self.first_id} is not {self.second_id}"

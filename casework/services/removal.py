"""Removing a record entered in error: it is marked, never deleted (casework.models.
Removable), with who removed it, when and why. The callers lock the record and check
who may first."""

from django.utils import timezone


def mark_removed(record, *, actor, reason: str):
    record.removed_at = timezone.now()
    record.removed_by = actor
    record.removal_reason = reason.strip()[:500]
    record.save(update_fields=["removed_at", "removed_by", "removal_reason"])
    return record

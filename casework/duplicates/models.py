"""Likely duplicate contacts are found, not stored (casework.duplicates.selectors); what is
kept is a manager's decision that two contacts are different people, so the pair is not
offered again. A decision is append-only: it is never rewritten or deleted. A merge of two
contacts is kept too, with exactly what moved, so that it can be undone.

The abstract bases hold what every kind of record's decisions and merges keep (customers
have their own tables on them: customers.models); each concrete model names the record
its pair points at."""

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from casework.models import Contact
from casework.tracking import append_only_triggers, tracked


class NotDuplicateBase(models.Model):
    """Two records are different people. Concrete models add `first` and `second` (the
    pair in one order: first has the lower id, so it is recorded once)."""

    reason = models.CharField(max_length=500)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.first_id} is not {self.second_id}"


class NotDuplicate(NotDuplicateBase):
    # the pair's unique constraint leads with it: an index of its own would cost a page a partner
    first = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="+", db_index=False)
    second = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="not_duplicate_once"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="not_duplicate_ordered"
            ),
        ]
        triggers = append_only_triggers()


class MergeBase(models.Model):
    """Two records found to be one person: `merged` is kept as a hidden stub (removed,
    its reason naming the survivor) and everything that hung on it now hangs on
    `survivor` (concrete models add both). What moved is stored exactly, so an unmerge
    puts it back."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reason = models.CharField(max_length=500)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    # The survivor's details the merge changed: {field: [before, after]} (JSON values).
    kept = models.JSONField(encoder=DjangoJSONEncoder, default=dict, blank=True)
    # Rows moved to the survivor: [{"model": "app.Model", "field": name, "ids": [...]}].
    moved = models.JSONField(encoder=DjangoJSONEncoder, default=list, blank=True)
    # Rows left on the merged stub (the survivor already had the same): same shape.
    left = models.JSONField(encoder=DjangoJSONEncoder, default=list, blank=True)
    unmerged_at = models.DateTimeField(null=True, blank=True)
    unmerged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unmerge_reason = models.CharField("reason for unmerging", max_length=500, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.merged_id} merged into {self.survivor_id}"

    @property
    def is_current(self) -> bool:
        return self.unmerged_at is None


@tracked(exclude=("kept", "moved", "left"))
class Merge(MergeBase):
    survivor = models.ForeignKey(
        Contact, on_delete=models.PROTECT, related_name="+", verbose_name="record kept"
    )
    merged = models.ForeignKey(
        Contact, on_delete=models.PROTECT, related_name="+", verbose_name="record merged into it"
    )

    class Meta:
        verbose_name = "merge of duplicate contacts"
        verbose_name_plural = "merges of duplicate contacts"
        ordering = ["-merged_at", "-id"]
        constraints = [
            # A contact is merged away once at a time.
            models.UniqueConstraint(
                fields=["merged"],
                condition=models.Q(unmerged_at__isnull=True),
                name="merge_current_once",
            ),
            models.CheckConstraint(
                condition=~models.Q(survivor=models.F("merged")), name="merge_not_self"
            ),
        ]


class PairFoundBase(models.Model):
    """When the nightly search first found a likely duplicate pair (concrete models add
    `first` and `second`, in one order), so that the managers are told only about new
    ones."""

    found_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.first_id} and {self.second_id} found {self.found_at:%Y-%m-%d}"


class PairFound(PairFoundBase):
    # the pair's unique constraint leads with it: an index of its own would cost a page a partner
    first = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+", db_index=False)
    second = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="pair_found_once"),
        ]

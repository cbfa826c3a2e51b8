"""Client notes: what happened on a call, visit, meeting or email, written on a contact
or on one of their engagements, and seen by whoever may see that record. A confidential
note is read only by its author, managers and designated safeguarding leads; the rest
see that one was written on that date.

A note is the author's to amend for 24 hours (History keeps every version); after that
the database itself refuses to rewrite it, and it is put right by a correction entry
beside it. Notes are never deleted."""

import uuid
from datetime import timedelta

import pgtrigger
from django.conf import settings
from django.db import models

from casework.models import Contact, Engagement
from casework.tracking import NOT_A_MERGE_MOVE, AppendOnly, append_only_triggers, tracked
from tenants.corrections import Correction

# How long the author may amend a note (the database's trigger holds the same figure).
AMEND_WINDOW = timedelta(hours=24)


class NoteKind(models.TextChoices):
    CALL = "call", "Call"
    VISIT = "visit", "Visit"
    MEETING = "meeting", "Meeting"
    EMAIL = "email", "Email"
    OTHER = "other", "Other"


@tracked()
class Note(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Always the person; the engagement too when the note is written in one (then only
    # those who may see the engagement read it).
    # note_contact_when leads with it: a second index of its own would cost a page a partner
    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, related_name="notes", db_index=False
    )
    # note_engagement_when leads with it: a second index of its own would cost a page a partner
    engagement = models.ForeignKey(
        Engagement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notes",
        db_index=False,
    )
    kind = models.CharField("type", max_length=10, choices=NoteKind.choices)
    happened_at = models.DateTimeField("date and time")
    duration_minutes = models.PositiveIntegerField("duration in minutes", null=True, blank=True)
    summary = models.CharField(max_length=200)
    body = models.TextField("note", blank=True)
    confidential = models.BooleanField(default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_at", "-id"]
        indexes = [
            models.Index(fields=["contact", "-happened_at"], name="note_contact_when"),
            models.Index(fields=["engagement", "-happened_at"], name="note_engagement_when"),
        ]
        triggers = [
            AppendOnly(name="never_deleted", operation=pgtrigger.Delete),
            AppendOnly(
                name="never_truncated", operation=pgtrigger.Truncate, level=pgtrigger.Statement
            ),
            # After the amend window a note is put right by a correction, never rewritten.
            AppendOnly(
                name="fixed_after_a_day",
                operation=pgtrigger.Update,
                condition=pgtrigger.Condition(
                    f"OLD.created_at < now() - interval '24 hours' AND {NOT_A_MERGE_MOVE}"
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.happened_at:%d/%m/%Y}: {self.summary}"


class NoteCorrection(Correction):
    """“Entered in error: …” or the corrected text of a note. Append-only."""

    note = models.ForeignKey(Note, on_delete=models.PROTECT, related_name="corrections")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(Correction.Meta):
        triggers = append_only_triggers()

"""Correction entries: how an append-only record is put right (DESIGN.md, "Correcting
records"). The original row is never changed; a correction points at it, with its author
and time, and the original is shown marked as corrected (derived from the existence of a
correction, never stored on the original). Each app keeps a concrete table per record
kind (its own layer, its own append-only trigger); the fields and the rule for what a
correction must say live here once."""

from django.core.exceptions import ValidationError
from django.db import models

LONGEST = 5000


class CorrectionKind(models.TextChoices):
    ERROR = "error", "Entered in error"
    CORRECTED = "corrected", "Corrected"


class Correction(models.Model):
    """Abstract: a concrete correction adds the foreign key to what it corrects
    (related_name="corrections") and, where the author is a local account, `author`."""

    kind = models.CharField(max_length=10, choices=CorrectionKind.choices)
    # The reason it was entered in error, or the corrected text.
    text = models.TextField()
    # A copy, as the record's own author names are: the correction stays true.
    author_name = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self):
        return self.headline

    @property
    def headline(self) -> str:
        """“Entered in error: …” or “Corrected: …”, as pages show it."""
        return f"{self.get_kind_display()}: {self.text}"


def correction_clean(*, kind: str, text: str) -> tuple[str, str]:
    """The rule every correction keeps: a kind and words. Raises naming the field."""
    text = (text or "").strip()
    errors = {}
    if kind not in CorrectionKind.values:
        errors["kind"] = "Choose whether it was entered in error or needs correcting."
    if not text:
        errors["text"] = (
            "Enter the corrected text."
            if kind == CorrectionKind.CORRECTED
            else "Say why it was entered in error."
        )
    elif len(text) > LONGEST:
        errors["text"] = f"Keep the correction under {LONGEST:,} characters."
    if errors:
        raise ValidationError(errors)
    return kind, text


def append_only_sql(table: str) -> tuple[str, str]:
    """(forward, reverse) SQL making a table append-only with the function of accounts
    0002, as the corrected records' own tables are."""
    forward = f"""
CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION casebridge_append_only();
CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION casebridge_append_only();
"""
    reverse = f"""
DROP TRIGGER IF EXISTS {table}_append_only ON {table};
DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};
"""
    return forward, reverse


def public_id_sql(table: str) -> tuple[str, str]:
    """(forward, reverse) SQL giving an append-only table a UUID public id: existing rows
    get theirs from the column's default while it is added (the trigger refuses UPDATE)."""
    return (
        f"ALTER TABLE {table} ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();\n"
        f"ALTER TABLE {table} ALTER COLUMN public_id DROP DEFAULT;",
        f"ALTER TABLE {table} DROP COLUMN public_id;",
    )

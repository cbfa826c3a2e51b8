"""Blanking columns of rows and of their change history, through the database's
`casebridge_blank()` (migrations 0003 to 0005): the one way past the append-only
triggers, which writes only '', NULL, {} or [] (JSON columns). The history rows also lose
the reasons people gave for their changes (`casebridge_forget_keys()`), and audit
entries about the records lose their words (who did what, and when, stays)."""

import json

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models, transaction

from tenants.accounts.models import AuditEntry

# What a change-history row's context holds that a person wrote (casework.tracking).
CONTEXT_WORDS = ["reason"]
AUDIT_WORDS = ("detail", "before", "after", "target_username")


def history_model(model):
    """The pghistory event model that keeps `model`'s changes, or None."""
    try:
        return apps.get_model(model._meta.app_label, f"{model.__name__}Event")
    except LookupError:
        return None


def _blank_value(field):
    if isinstance(field, models.JSONField):
        return None if field.null else ([] if field.default is list else {})
    return None if field.null else ""


def _blanks(model, names) -> dict:
    blanks = {}
    for name in names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a field history does not keep
            continue
        blanks[field.column] = _blank_value(field)
    return blanks


def _blank_table(model, key_column: str, keys: list, names) -> int:
    blanks = _blanks(model, names)
    if not keys or not blanks:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT casebridge_blank(%s::regclass, %s, %s, %s::jsonb)",
            [model._meta.db_table, key_column, [str(k) for k in keys], json.dumps(blanks)],
        )
        return cursor.fetchone()[0]


def blank(model, pks: list, names) -> int:
    """Blank `names` on the rows `pks` of `model` and on every history row about them,
    whose context then forgets the reasons given. Part of the caller's transaction; the
    change is attributed to whoever it acts for."""
    changed = _blank_table(model, "id", pks, names)
    events = history_model(model)
    if events is not None and pks:
        _blank_table(events, "pgh_obj_id", pks, names)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT casebridge_forget_keys(%s::regclass, %s, 'pgh_context', %s)",
                [events._meta.db_table, [str(k) for k in pks], CONTEXT_WORDS],
            )
    return changed


def audit_blank(public_ids: list) -> int:
    """The audit entries about these records (their public ids) lose their words."""
    return _blank_table(AuditEntry, "target_public_id", public_ids, AUDIT_WORDS)


def files_delete_after_commit(model, pks: list, names) -> None:
    """The stored bytes of the file fields `names` of rows `pks` go once the blanking
    commits (a rolled-back disposal keeps them)."""
    stored = [
        (model._meta.get_field(name).storage, getattr(row, name).name)
        for row in model._base_manager.filter(pk__in=pks)
        for name in names
        if getattr(row, name)
    ]

    def delete():
        for storage, name in stored:
            storage.delete(name)

    if stored:
        transaction.on_commit(delete)

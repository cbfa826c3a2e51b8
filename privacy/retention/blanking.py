"""Blanking columns of rows and of their change history, through the database's
`casebridge_blank()` (migration 0003): the one way past the append-only triggers, which
writes only '' or NULL."""

import json

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connection


def history_model(model):
    """The pghistory event model that keeps `model`'s changes, or None."""
    try:
        return apps.get_model(model._meta.app_label, f"{model.__name__}Event")
    except LookupError:
        return None


def _blanks(model, names) -> dict:
    blanks = {}
    for name in names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a field history does not keep
            continue
        blanks[field.column] = None if field.null else ""
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
    """Blank `names` on the rows `pks` of `model` and on every history row about them.
    Part of the caller's transaction; the change is attributed to whoever it acts for."""
    changed = _blank_table(model, "id", pks, names)
    events = history_model(model)
    if events is not None:
        _blank_table(events, "pgh_obj_id", pks, names)
    return changed

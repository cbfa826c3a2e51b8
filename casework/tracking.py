"""Change history of casework records, kept by the database (django-pghistory).

To track a model, decorate it and run makemigrations:

    from casework.tracking import tracked

    @tracked()
    class Concern(models.Model): ...

That adds a `<Model>Event` table in the same app, filled by triggers on insert,
update and delete (so a change made any way at all is kept), and makes that table
append-only with the shared `casebridge_append_only()` trigger function. Writes are
attributed by `attributed` (every casework service carries it), which works the
same from the portal, GraphQL and Celery: no request is needed.

This module imports no models, so models.py of any app can use it.
"""

import contextlib
import functools
import re

import pghistory
import pgtrigger
from django.db import connection, transaction

# Derived or bookkeeping columns: kept out of the history (search_name is generated
# by PostgreSQL and cannot be inserted into).
NOT_TRACKED = ("search_name", "phone_digits")


class AppendOnly(pgtrigger.Trigger):
    """Runs the shared `casebridge_append_only()` (accounts migration 0002), which
    raises for UPDATE, DELETE and TRUNCATE whoever asks, pgtrigger.ignore included."""

    when = pgtrigger.Before
    func = "RETURN NULL;"  # pgtrigger wants a function of its own; it is never called

    def render_execute(self, model):
        return "casebridge_append_only()"


# For a record fixed once written (a completed assessment, an old note): an update is
# refused unless it changes nothing but the contact it is about AND is made by a merge of
# two records of one person or its undoing (casework.duplicates.relations.move, inside
# `merge_moving()`). Add it to the trigger's condition. Reviewed (issue 18): a plain
# UPDATE of contact_id alone, outside a merge, is refused as any other change is
# (tests/casework/duplicates/test_fixed_records_move.py proves both ways).
MERGE_MOVING = "casebridge.merge_moving"
NOT_A_MERGE_MOVE = (
    "((to_jsonb(OLD) - 'contact_id') IS DISTINCT FROM (to_jsonb(NEW) - 'contact_id')"
    f" OR current_setting('{MERGE_MOVING}', true) IS DISTINCT FROM 'on')"
)


@contextlib.contextmanager
def merge_moving():
    """Inside a transaction: fixed records (old notes, completed assessments) may have
    their contact changed, and nothing else, until the block ends. For the merge's move
    only (casework.duplicates.relations)."""
    # In a savepoint: if the block fails, rolling it back turns the setting off too.
    with transaction.atomic():
        _merge_moving_set("on")
        yield
        _merge_moving_set("off")


def _merge_moving_set(value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, true)", [MERGE_MOVING, value])


def append_only_triggers() -> list[pgtrigger.Trigger]:
    return [
        AppendOnly(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete),
        AppendOnly(
            name="append_only_truncate",
            operation=pgtrigger.Truncate,
            level=pgtrigger.Statement,
        ),
    ]


def tracked(*, exclude: tuple[str, ...] = (), **options):
    """Keep every insert, update and delete of the decorated model, with who did it.

    The context (who, which service) is stored on each event row itself (JSON), not
    in a shared context table that later statements would update."""

    # Not "events": Engagement.events is the share/close log (CaseworkEvent).
    options.setdefault("obj_field", pghistory.ObjForeignKey(related_name="history"))

    def decorate(model):
        names = {f.name for f in model._meta.local_fields}
        return pghistory.track(
            pghistory.InsertEvent(),
            pghistory.UpdateEvent(),
            pghistory.DeleteEvent(),
            exclude=[n for n in (*NOT_TRACKED, *exclude) if n in names],
            context_field=pghistory.ContextJSONField(),
            meta={"triggers": append_only_triggers()},
            **options,
        )(model)

    return decorate


def acting(actor, **extra):
    """Attribute every tracked change made inside to `actor` (a user of this schema).
    Nested uses join the outer context, so one portal action is one context.

    The schema and the actor's name are kept too: the exchange writes into another
    partner's schema (a direct booking's appointment), where the user key names
    somebody else or nobody."""
    metadata = {"user": actor.pk if actor is not None else None, **extra}
    metadata["schema"] = connection.schema_name
    if actor is not None and getattr(actor, "public_id", None):
        metadata["user_public_id"] = str(actor.public_id)
        metadata["user_name"] = actor.get_full_name() or actor.get_username()
    return pghistory.context(**metadata)


_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def attributed(service):
    """Decorator for services taking keyword-only `actor`: their changes are attributed
    to the actor and named after the service, whichever way the service was called.
    A service's `reason` (why a record was changed or removed) is kept with them."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        extra = {}
        reason = kwargs.get("reason")
        if isinstance(reason, str) and reason.strip():
            # jsonb cannot hold NUL or lone surrogates: they never reach the context
            # (the service's own input rules refuse them where the reason is saved).
            extra["reason"] = _UNSTORABLE.sub("", reason).strip()[:500]
        with acting(kwargs.get("actor"), action=service.__name__, **extra):
            return service(*args, **kwargs)

    return wrapper

"""Cloning the template schema into a new partner's schema, in time that does not grow
with the number of partners.

django-tenants' `clone_schema` SQL function rebuilds each table, index and trigger from
catalog views (information_schema, pg_indexes, …) queried without a namespace filter,
once per object: every clone walked every schema's catalog rows, so one clone took 1 s
with 5 partners and 42-52 s with 100. Here the template's DDL is read once per migration
state from catalog rows filtered to the template's namespace, deparsed with the search
path set to the template alone (so its own objects come out unqualified and everything
in public, such as content types or pg_trgm, comes out as `public.…`;
tenants/template_ddl.py), and replayed with
the search path set to the new schema. The order is pg_dump's: functions, sequences and
tables; rows copied with INSERT … SELECT; sequences set; then indexes, constraints
(foreign keys last), triggers and grants (the application role's, tools/db_roles.py:
SELECT and INSERT only on append-only tables), so the template's rows are copied before
its history and append-only triggers exist, exactly as they are in the template.

The template changes only by migrations, so the DDL is cached per process under a
fingerprint of the template's `django_migrations` rows. Anything in the template this
module cannot reproduce (views, enums, row security, rules, …) raises rather than
silently giving partners a different schema; tests/tenants/test_schema_clone.py compares
a clone's catalog with the template's.
"""

import hashlib
import logging
import threading
import time

from django.db import connection

from tenants.sql_names import qi
from tenants.template_ddl import (  # noqa: F401  (TemplateNotCloneable: raised through here)
    TemplateNotCloneable,
    TemplateSnapshot,
    read_template,
)

logger = logging.getLogger(__name__)

# Bump when the generated DDL changes shape, so cached snapshots are not reused.
GENERATOR_VERSION = "2"


_snapshots: dict[tuple[str, str], TemplateSnapshot] = {}
_lock = threading.Lock()


def template_fingerprint(cursor, template: str) -> str:
    cursor.execute(
        f"SELECT app, name FROM {qi(template)}.django_migrations ORDER BY app, name"  # noqa: S608
    )
    digest = hashlib.sha256(GENERATOR_VERSION.encode())
    for app, name in cursor.fetchall():
        digest.update(f"{app}.{name}\n".encode())
    return digest.hexdigest()


def snapshot_for(cursor, template: str) -> TemplateSnapshot:
    """The template's DDL for its current migration state (built once per process)."""
    fingerprint = template_fingerprint(cursor, template)
    key = (template, fingerprint)
    with _lock:
        snapshot = _snapshots.get(key)
    if snapshot is None:
        snapshot = read_template(cursor, template, fingerprint)
        with _lock:
            _snapshots.clear()  # an older migration state is never needed again
            _snapshots[key] = snapshot
    return snapshot


def snapshots_forget() -> None:
    with _lock:
        _snapshots.clear()


def clone_schema(*, template: str, new_schema: str) -> None:
    """Create `new_schema` as a copy of `template`, structure and rows. Runs inside the
    caller's transaction (all or nothing) and leaves the connection on public."""
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            snapshot = snapshot_for(cursor, template)
            cursor.execute(f"CREATE SCHEMA {qi(new_schema)}")
            cursor.execute(f"SET search_path TO {qi(new_schema)}")
            cursor.execute("SET LOCAL check_function_bodies = off")  # as pg_dump's restore does
            for block in (snapshot.before_rows, snapshot.copy_rows):
                cursor.execute(";\n".join(block))
            if snapshot.set_sequences:
                cursor.execute(snapshot.set_sequences)
            cursor.execute(";\n".join(snapshot.after_rows))
            for grantee, privileges in snapshot.schema_grants:
                cursor.execute(f"REVOKE ALL ON SCHEMA {qi(new_schema)} FROM {grantee}")
                cursor.execute(f"GRANT {privileges} ON SCHEMA {qi(new_schema)} TO {grantee}")
            cursor.execute("RESET check_function_bodies")
    finally:
        # django-tenants sets the search path again before the next statement.
        connection.set_schema_to_public()
    logger.info("cloned %s from %s in %.2f s", new_schema, template, time.perf_counter() - started)

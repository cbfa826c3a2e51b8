"""Partner schemas point at content types without foreign keys.

Content types live once, in public (contenttypes is a shared app), and guardian, taggit,
Wagtail and auth point at them from every partner schema: 21 foreign keys a partner. Each
foreign key puts two internal triggers on the referenced table, so `django_content_type`
carried ~42 more triggers with every partner (~42,000 at 1,000 partners), and adding a
foreign key to it rebuilds its cached description with all of them: that alone made a
clone take seconds at several hundred partners (platform/DEPLOYMENT.md, "Scale").

Content type rows are only ever added (never changed or removed while partners point at
them), so the keys guard nothing that happens, and the columns stay indexed. They are
dropped from the template (so clones never have them) and from every partner by
`platform_migrate`, after any migration that may have added them again: one catalog
query finds them, so with nothing to drop it costs one query.
tests/tenants/test_shared_keys.py checks it; tenants/citus.py still declares content types
a reference table (partners' queries may join them).
"""

import logging

from django.db import connection, transaction

from tenants.sql_names import qi

logger = logging.getLogger(__name__)

# Shared tables in public that partner schemas refer to by id, without a foreign key.
UNKEYED_SHARED_TABLES = ("django_content_type",)

# Through pg_depend's index on what is depended on, so the cost follows the keys found,
# not the size of pg_constraint (which has no index on confrelid and grows with partners).
# `IS TRUE` keeps the planner on that index whatever the catalog's statistics say.
KEYS_SQL = """
    SELECT DISTINCT n.nspname, c.relname, con.conname
      FROM pg_depend d
      JOIN pg_constraint con ON con.oid = d.objid
      JOIN pg_class c ON c.oid = con.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE d.refclassid = 'pg_class'::regclass
       AND d.refobjid = ANY(ARRAY(SELECT ('public.' || quote_ident(t))::regclass
                                    FROM unnest(%s::text[]) t))
       AND (d.classid = 'pg_constraint'::regclass) IS TRUE
       AND con.contype = 'f' AND c.relnamespace <> 'public'::regnamespace
       {only}
     ORDER BY 1, 2, 3
"""


def shared_keys(schemas: list[str] | None = None) -> list[tuple[str, str, str]]:
    """(schema, table, constraint) of each foreign key from a schema other than public
    into an unkeyed shared table; only in `schemas` when given."""
    only = "AND n.nspname = ANY(%s)" if schemas is not None else ""
    params = [list(UNKEYED_SHARED_TABLES)] + ([schemas] if schemas is not None else [])
    with connection.cursor() as cursor:
        cursor.execute(KEYS_SQL.format(only=only), params)
        return cursor.fetchall()


def shared_keys_drop(schemas: list[str] | None = None) -> list[tuple[str, str, str]]:
    """Drop them, one transaction per schema (each drop locks its table and the shared
    one briefly). Returns what was dropped. The owner's work (manage.py)."""
    by_schema: dict[str, list[tuple[str, str, str]]] = {}
    for key in shared_keys(schemas):
        by_schema.setdefault(key[0], []).append(key)
    for schema, keys in by_schema.items():
        with transaction.atomic(), connection.cursor() as cursor:
            for _, table, name in keys:
                cursor.execute(f"ALTER TABLE {qi(schema)}.{qi(table)} DROP CONSTRAINT {qi(name)}")
        logger.info("dropped %d foreign keys into shared tables in %s", len(keys), schema)
    return [key for keys in by_schema.values() for key in keys]

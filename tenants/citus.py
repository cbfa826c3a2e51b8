"""Ready for Citus schema-based sharding (platform/DEPLOYMENT.md, "Past one machine").

With `citus.enable_schema_based_sharding`, each partner schema becomes a distributed
schema that can live on any worker node. A foreign key from a partner's table into
public can then only point at a *reference table* (copied to every node). These are the
public tables partner schemas may reference; tests/tenants/test_citus_readiness.py fails
when a foreign key into any other public table appears.
"""

from django.db import connection

REFERENCE_TABLES = frozenset(
    {
        # Content types are shared (contenttypes is a SHARED app only), so ids are equal in
        # every schema: guardian, taggit and Wagtail point at them.
        "django_content_type",
    }
)


def foreign_keys_into_public() -> list[tuple[str, str, str, str]]:
    """(schema, table, constraint, public table) for every foreign key from any schema
    other than public into public."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT n.nspname, c.relname, con.conname, r.relname
              FROM pg_constraint con
              JOIN pg_class c ON c.oid = con.conrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_class r ON r.oid = con.confrelid
             WHERE con.contype = 'f' AND r.relnamespace = 'public'::regnamespace
               AND c.relnamespace <> 'public'::regnamespace
             ORDER BY 1, 2, 3
            """
        )
        return cursor.fetchall()

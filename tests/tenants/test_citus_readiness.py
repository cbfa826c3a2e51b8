"""Citus schema-based sharding: partner schemas may reference only public tables that
would be Citus reference tables (tenants/citus.py)."""

from django.conf import settings

from tenants.citus import REFERENCE_TABLES, foreign_keys_into_public
from tenants.services import partner_create


def test_partner_schemas_reference_only_declared_reference_tables(db):
    partner_create(actor=None, name="Pi Borough", slug="pi-borough", kind="borough")
    keys = foreign_keys_into_public()
    schemas = {schema for schema, *_ in keys}
    # The check sees the template, the partners made for the tests and a fresh clone.
    assert {settings.TENANT_BASE_SCHEMA, "partner_alpha", "partner_pi_borough"} <= schemas
    undeclared = sorted(
        {(table, target) for _, table, _, target in keys}
        - {(table, target) for _, table, _, target in keys if target in REFERENCE_TABLES}
    )
    assert undeclared == [], (
        "Foreign keys from partner schemas into public tables that are not declared Citus "
        f"reference tables (tenants/citus.py): {undeclared}"
    )


def test_the_declared_reference_tables_exist_in_public(db):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
            "AND relkind = 'r' AND relname = ANY(%s)",
            [sorted(REFERENCE_TABLES)],
        )
        assert {row[0] for row in cursor.fetchall()} == REFERENCE_TABLES

"""Citus schema-based sharding: partner schemas may reference only public tables that
would be Citus reference tables (tenants/citus.py)."""

import pytest

from tenants.citus import REFERENCE_TABLES, foreign_keys_into_public
from tenants.services import partner_create


def test_partner_schemas_reference_only_declared_reference_tables(db):
    partner_create(actor=None, name="Pi Borough", slug="pi-borough", kind="borough")
    keys = foreign_keys_into_public()
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


@pytest.mark.owner_role  # DDL
def test_the_check_sees_a_key_into_public_from_a_partner(db):
    """Guards the check above (content types' keys are dropped, so it may see none)."""
    from django.db import connection

    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE partner_alpha.citus_probe "
            "(partner_id bigint REFERENCES public.tenants_partner (id))"
        )
    keys = foreign_keys_into_public()
    assert [k for k in keys if k[1] == "citus_probe"] == [
        ("partner_alpha", "citus_probe", "citus_probe_partner_id_fkey", "tenants_partner")
    ]
    assert "tenants_partner" not in REFERENCE_TABLES

"""Partner schemas point at content types without foreign keys (tenants/shared_keys.py):
each such key put two triggers on the shared `django_content_type`, so every clone added
~42 and slowed as partners grew."""

import pytest
from django.conf import settings
from django.db import connection

from tenants.services import partner_create
from tenants.shared_keys import shared_keys, shared_keys_drop

# DDL: the owner's work (CASEBRIDGE_TEST_AS_APP leaves these with it).
pytestmark = pytest.mark.owner_role


def _triggers_on_content_types() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'public.django_content_type'::regclass"
        )
        return cursor.fetchone()[0]


def _content_type_columns(schema: str) -> int:
    """Columns named like a content type id in the schema (what the keys were on)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = %s "
            "AND column_name LIKE '%%content_type_id'",
            [schema],
        )
        return cursor.fetchone()[0]


def test_a_new_partner_adds_no_trigger_to_the_shared_content_types(db):
    connection.set_schema_to_public()
    before = _triggers_on_content_types()
    partner = partner_create(actor=None, name="Rho Borough", slug="rho-borough", kind="borough")
    assert _content_type_columns(partner.schema_name) >= 20  # the columns are there
    assert shared_keys([settings.TENANT_BASE_SCHEMA, partner.schema_name]) == []
    assert _triggers_on_content_types() == before


def test_a_key_into_content_types_is_dropped_where_asked(db, partner_a, partner_b):
    connection.set_schema_to_public()
    shared_keys_drop([partner_a.schema_name, partner_b.schema_name])  # a database made before
    with connection.cursor() as cursor:
        for partner in (partner_a, partner_b):
            cursor.execute(
                f'ALTER TABLE "{partner.schema_name}".taggit_taggeditem ADD CONSTRAINT '
                "probe_content_type_fk FOREIGN KEY (content_type_id) "
                "REFERENCES public.django_content_type (id)"
            )
    before = _triggers_on_content_types()
    probe = (partner_a.schema_name, "taggit_taggeditem", "probe_content_type_fk")
    assert shared_keys_drop([partner_a.schema_name]) == [probe]
    assert shared_keys([partner_a.schema_name]) == []
    assert _triggers_on_content_types() == before - 2
    assert shared_keys([partner_b.schema_name]) == [
        (partner_b.schema_name, "taggit_taggeditem", "probe_content_type_fk")
    ]

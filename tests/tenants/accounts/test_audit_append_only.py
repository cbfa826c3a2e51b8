"""The audit log is append-only in the database: raw SQL cannot rewrite or remove it."""

import pytest
from django.db import DatabaseError, connection, transaction

from tenants.accounts.models import AuditEntry
from tenants.accounts.services import audit_record

pytestmark = pytest.mark.security


@pytest.mark.owner_role  # the trigger, which holds against the owner too
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE accounts_auditentry SET action = 'rewritten'",
        "DELETE FROM accounts_auditentry",
        # CASCADE: corrections point at entries, so a plain TRUNCATE is refused before the
        # trigger; with CASCADE both tables' triggers refuse.
        "TRUNCATE accounts_auditentry CASCADE",
    ],
)
def test_audit_rows_cannot_be_changed_with_raw_sql(in_partner_a, statement):
    entry = audit_record(actor=None, action="user.create", target_username="someone")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEntry.objects.get(pk=entry.pk).action == "user.create"


@pytest.mark.owner_role  # the trigger, which holds against the owner too
def test_the_orm_cannot_change_them_either(in_partner_a):
    entry = audit_record(actor=None, action="user.create", target_username="someone")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk, action="user.create").exists()


@pytest.mark.owner_role  # the trigger, which holds against the owner too
def test_every_cloned_partner_has_its_own_guard(partner_b):
    connection.set_tenant(partner_b)
    try:
        entry = audit_record(actor=None, action="user.create", target_username="b-person")
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            AuditEntry.objects.filter(pk=entry.pk).delete()
    finally:
        connection.set_schema_to_public()

"""Audit entries are corrected, never edited: a champion of the partner (or platform
staff for the platform's own history) adds a correction pointing at the entry; the entry
stays; the correction is itself audited and append-only. Service-only: no screen shows a
single audit entry to correct."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from tenants.accounts import capabilities as cap
from tenants.accounts.models import AuditEntry, AuditEntryCorrection
from tenants.accounts.policy import DelegationRefused
from tenants.accounts.services.audit import audit_entry_correct, audit_record
from tests.tenants.accounts.helpers import make_user


@pytest.fixture
def entry(in_partner_a):
    return audit_record(actor=None, action="user.create", target_username="someone")


def test_a_champion_corrects_an_entry_and_the_entry_stays(entry):
    champion = make_user(role_key="champion", privileges={cap.MANAGE_USERS})
    correction = audit_entry_correct(
        actor=champion, entry=entry, kind="corrected", text="The account was made for someone2"
    )
    assert correction.author_username == champion.username and not correction.author_is_platform
    assert AuditEntry.objects.get(pk=entry.pk).target_username == "someone"
    assert list(entry.corrections.all()) == [correction]
    assert AuditEntry.objects.filter(
        action="audit.corrected", actor_username=champion.username
    ).exists()


def test_others_may_not_correct_the_history(entry):
    practitioner = make_user(role_key="practitioner")
    with pytest.raises(DelegationRefused):
        audit_entry_correct(actor=practitioner, entry=entry, kind="error", text="Mine now")
    assert not AuditEntryCorrection.objects.exists()


def test_an_entry_of_another_history_is_refused(entry):
    champion = make_user(role_key="champion", privileges={cap.MANAGE_USERS})
    foreign = AuditEntry(pk=entry.pk, action="user.create", partner_schema="someone_else")
    with pytest.raises(DelegationRefused):
        audit_entry_correct(actor=champion, entry=foreign, kind="error", text="Not ours")
    with pytest.raises(ValidationError) as exc:
        audit_entry_correct(actor=champion, entry=entry, kind="error", text="")
    assert "text" in exc.value.message_dict
    assert not AuditEntryCorrection.objects.exists()


@pytest.mark.owner_role  # the trigger, which holds against the owner too
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE accounts_auditentrycorrection SET text = 'rewritten'",
        "DELETE FROM accounts_auditentrycorrection",
        "TRUNCATE accounts_auditentrycorrection",
    ],
)
def test_corrections_are_append_only(entry, sql):
    champion = make_user(role_key="champion", privileges={cap.MANAGE_USERS})
    audit_entry_correct(actor=champion, entry=entry, kind="error", text="Kept")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEntryCorrection.objects.get().text == "Kept"

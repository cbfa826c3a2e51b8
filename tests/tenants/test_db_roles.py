"""The application role cannot rewrite what is append-only, by any means (issue 22).

A connection logged in as the application role, in a partner's schema, tries the ways
around the triggers a superuser or owner would have: replication mode, disabling or
dropping a trigger, replacing the trigger function, UPDATE, DELETE and TRUNCATE on every
append-only table. Each is refused by PostgreSQL's privileges, before any trigger runs.
Meanwhile ordinary work through the services succeeds as the same role."""

import os

import psycopg2
import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from psycopg2 import errors

from tenants import db_roles
from tenants.accounts.models import AuditEntry
from tenants.accounts.services import audit_record
from tests.app_role import app_role_login
from tests.partners import PARTNER_A
from tools import db_roles as app_roles

pytestmark = pytest.mark.security

# Append-only by their manuals (DESIGN.md); each must be among those the catalog finds.
EXPECTED_APPEND_ONLY = {
    "accounts_auditentry",
    "casework_caseworkevent",
    "safeguarding_monitoringaction",
    "safeguarding_closurerequest",
    "safeguarding_closuredecision",
    "customers_outcomestep",
    "referrals_casenote",
    "referrals_referralevent",
}
PARTNER_SCHEMA = "partner_" + PARTNER_A.slug


def _append_only_tables() -> list[str]:
    with connection.cursor() as cursor:
        return app_roles.append_only_tables(cursor, PARTNER_SCHEMA)


@pytest.fixture(scope="module")
def app_login(django_db_setup, django_db_blocker):
    """A real login as the application role to the test database, in partner A's schema
    (committed rows: the session's partners)."""
    login = app_role_login()
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        if not app_roles.role_exists(cursor, login["USER"]):
            # Without the role nothing here is proved: a failure, not a skip.
            pytest.fail(
                f"no application role {login['USER']}: this login may not create roles "
                "(create it as DEPLOYMENT.md says)"
            )
    conn = psycopg2.connect(
        dbname=connection.settings_dict["NAME"],
        user=login["USER"],
        password=login["PASSWORD"] or None,
        host=login["HOST"] or None,
        port=login["PORT"] or None,
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f"SET search_path TO {app_roles.qi(PARTNER_SCHEMA)}, public")
    yield conn
    conn.close()


def _refused(conn, statement: str) -> str:
    """Run one statement as the application role; return PostgreSQL's refusal."""
    with pytest.raises(errors.InsufficientPrivilege) as refusal:
        with conn.cursor() as cursor:
            cursor.execute(statement)
    return str(refusal.value)


def test_the_append_only_tables_are_found_by_their_triggers(db):
    found = set(_append_only_tables())
    assert EXPECTED_APPEND_ONLY <= found
    # Change history and correction entries are append-only too.
    assert any(t.endswith("event") and t != "casework_caseworkevent" for t in found)
    assert any("correction" in t for t in found)


def test_the_application_role_is_no_superuser_and_owns_nothing(app_login):
    with app_login.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication "
            "FROM pg_roles WHERE rolname = current_user"
        )
        assert cursor.fetchone() == (False, False, False, False, False)
        cursor.execute(
            "SELECT count(*) FROM pg_class WHERE relowner = current_user::regrole "
            "UNION ALL SELECT count(*) FROM pg_namespace WHERE nspowner = current_user::regrole "
            "UNION ALL SELECT count(*) FROM pg_proc WHERE proowner = current_user::regrole"
        )
        assert [row[0] for row in cursor.fetchall()] == [0, 0, 0]
        # Nor may it become anyone who does.
        cursor.execute("SELECT count(*) FROM pg_auth_members WHERE member = current_user::regrole")
        assert cursor.fetchone()[0] == 0


def test_replication_mode_is_refused(app_login):
    assert "session_replication_role" in _refused(
        app_login, "SET session_replication_role = replica"
    )


@pytest.mark.parametrize("table", sorted(EXPECTED_APPEND_ONLY))
def test_triggers_cannot_be_disabled_dropped_or_replaced(app_login, table):
    assert "must be owner" in _refused(app_login, f"ALTER TABLE {table} DISABLE TRIGGER ALL")
    assert "must be owner" in _refused(
        app_login, f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only"
    )
    assert "must be owner" in _refused(app_login, f"DROP TRIGGER {table}_append_only ON {table}")
    assert "must be owner" in _refused(app_login, f"ALTER TABLE {table} OWNER TO current_user")


def test_the_trigger_function_cannot_be_replaced(app_login):
    message = _refused(
        app_login,
        "CREATE OR REPLACE FUNCTION casebridge_append_only() RETURNS trigger AS "
        "$$ BEGIN RETURN NEW; END; $$ LANGUAGE plpgsql",
    )
    assert "must be owner" in message or "permission denied" in message
    # Nor shadowed by a function of its own earlier on the search path.
    assert "permission denied" in _refused(
        app_login, f"CREATE TABLE {app_roles.qi(PARTNER_SCHEMA)}.shadow (id int)"
    )
    assert "permission denied" in _refused(app_login, "CREATE SCHEMA shadow")


def test_every_append_only_table_refuses_update_delete_and_truncate(db, app_login):
    tables = _append_only_tables()
    assert tables
    for table in tables:
        for statement in (
            f"UPDATE {table} SET id = id",
            f"DELETE FROM {table}",
            f"TRUNCATE {table}",
        ):
            # Refused by privileges (not by the trigger, which says "append-only").
            assert "permission denied" in _refused(app_login, statement), statement


def test_a_note_is_amended_by_the_application_but_never_removed(db, app_login):
    """A note's UPDATE is refused by its trigger only after 24 hours, so the privilege
    stays; DELETE and TRUNCATE are refused whatever the row, so they are revoked."""
    with connection.cursor() as cursor:
        assert app_roles.guarded_operations(cursor, PARTNER_SCHEMA)["notes_note"] == {
            "DELETE",
            "TRUNCATE",
        }
    assert "notes_note" not in _append_only_tables()
    with app_login.cursor() as cursor:
        cursor.execute("UPDATE notes_note SET id = id WHERE false")  # granted
    for statement in ("DELETE FROM notes_note", "TRUNCATE notes_note"):
        assert "permission denied" in _refused(app_login, statement), statement


def test_append_only_rows_can_still_be_read(app_login):
    with app_login.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM accounts_auditentry")
        assert cursor.fetchone()[0] >= 0


def test_ordinary_work_through_a_service_succeeds_as_the_application_role(
    in_partner_a, as_app_role
):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == settings.DATABASE_APP_ROLE
    entry = audit_record(actor=None, action="user.create", target_username="someone")
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="rewritten")
    assert AuditEntry.objects.get(pk=entry.pk).action == "user.create"


def test_provisioning_goes_back_to_the_owner(as_app_role):
    """Creating a partner's schema needs the owner: as_owner() gives it for the block and
    gives the application role back after."""
    with db_roles.as_owner(), connection.cursor() as cursor:
        cursor.execute("SELECT current_user = session_user")
        assert cursor.fetchone()[0] is True
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == settings.DATABASE_APP_ROLE


def test_requests_in_the_tests_are_served_as_the_application_role(client_a):
    """tests/conftest.py serves every test-client request as the application role, so a
    screen that needs a grant the role lacks fails in the suite, not in production."""
    from django.core.signals import request_started

    seen = []

    def during(**kwargs):
        with connection.connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            seen.append(cursor.fetchone()[0])

    request_started.connect(during)  # after the conftest's own receiver
    try:
        assert client_a.get("/sign-in/").status_code == 200
    finally:
        request_started.disconnect(during)
    assert seen == [settings.DATABASE_APP_ROLE]
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user = session_user")
        assert cursor.fetchone()[0] is True  # the test's own checks: the owner again


def test_the_application_url_is_the_owners_server_and_database_as_another_role(monkeypatch):
    monkeypatch.delenv("DATABASE_APP_PASSWORD", raising=False)
    owner = "postgres://owner:s3cr%40t@db.example:6543/casebridge?sslmode=require"
    password = app_roles.app_password("s3cr@t", "casebridge_app")
    assert password and password != "s3cr@t"
    assert app_roles.app_password(None, "casebridge_app") is None  # trust: no password
    assert app_roles.url_with_user(owner, "casebridge_app", password) == (
        f"postgres://casebridge_app:{password}@db.example:6543/casebridge?sslmode=require"
    )
    monkeypatch.setenv("DATABASE_APP_PASSWORD", "given")
    assert app_roles.app_password("s3cr@t", "casebridge_app") == "given"


@pytest.mark.parametrize(
    "env, role",
    [
        ({}, "casebridge_app"),
        ({"DATABASE_URL": "postgres://postgres@h/db"}, "casebridge_app"),
        (
            {"DATABASE_URL": "postgres://web@h/db", "DATABASE_OWNER_URL": "postgres://own@h/db"},
            "web",
        ),
        (
            {
                "DATABASE_URL": "postgres://web@h/db",
                "DATABASE_OWNER_URL": "postgres://own@h/db",
                "DATABASE_APP_ROLE": "named",
            },
            "named",
        ),
    ],
)
def test_which_role_is_the_application_role(monkeypatch, env, role):
    for name in ("DATABASE_URL", "DATABASE_OWNER_URL", "DATABASE_APP_ROLE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert app_roles.app_role_name() == role


def test_setup_creates_a_missing_database(db):
    """bin/up and bin/test on a server with only its default databases (a CI machine):
    DATABASE_URL's database is created rather than refused."""
    owner = connection.settings_dict
    name = f"casebridge_missing_{os.getpid()}"
    url = (
        f"postgres://{owner['USER']}{':' + owner['PASSWORD'] if owner.get('PASSWORD') else ''}"
        f"@{owner.get('HOST') or 'localhost'}:{owner.get('PORT') or 5432}/{name}"
    )

    def exists() -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name])
            return cursor.fetchone()[0] == 1

    assert not exists()
    try:
        app_roles.database_ensure(url)
        assert exists()
        app_roles.database_ensure(url)  # a second time changes nothing and raises nothing
        assert exists()
    finally:
        admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {app_roles.qi(name)}")
        admin.close()

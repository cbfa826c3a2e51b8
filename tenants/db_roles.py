"""Running as the owner role where the application role may not (tools/db_roles.py).

The web, worker and beat processes log in as the application role. Migrations run as the
owner (`DATABASE_URL=$DATABASE_OWNER_URL manage.py platform_migrate`), and so do the few
services that create or drop a schema (a partner, a training copy), through `as_owner()`,
whichever process calls them. After every migration the schema's grants are brought up to
date (append-only tables: SELECT and INSERT only), here on post_migrate.
"""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connection

from tools import db_roles

logger = logging.getLogger(__name__)

CREDENTIALS = ("USER", "PASSWORD", "HOST", "PORT")


def app_role() -> str:
    return settings.DATABASE_APP_ROLE


def _current_and_login(cursor) -> tuple[str, str]:
    cursor.execute("SELECT current_user, session_user")
    return cursor.fetchone()


@contextmanager
def as_owner():
    """Run the block with the owner's rights: schema creation and removal.

    - The login is the owner and the session has `SET ROLE` to the application role (the
      tests run so): back to the login for the block.
    - The login is the application role and DATABASE_OWNER_URL is set: the connection is
      closed and the block runs on a new one as the owner; so it must not be inside a
      transaction (the callers open theirs inside).
    - Otherwise the login already owns the tables (one URL for both): nothing to do.
    """
    owner = settings.DATABASE_OWNER
    with connection.cursor() as cursor:
        current, login = _current_and_login(cursor)
    if current != login:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"SET ROLE {db_roles.qi(current)}")
        return
    if owner is None or owner["USER"] == login:
        if login == app_role():
            # A web process given only the application role: the screen says so.
            raise ValidationError(
                "Creating or removing a partner's schema needs the database owner's rights, "
                "which this server was not given: ask the platform's operator (DATABASE_OWNER_URL, "
                "DEPLOYMENT.md)."
            )
        yield
        return
    if login != app_role():
        raise ImproperlyConfigured(
            f"Logged in as {login}, neither the owner ({owner['USER']}) nor the application "
            f"role ({app_role()}): check DATABASE_URL and DATABASE_OWNER_URL."
        )
    if connection.in_atomic_block:
        raise RuntimeError("as_owner() swaps the connection: call it outside any transaction.")
    saved = {key: connection.settings_dict.get(key) for key in CREDENTIALS}
    connection.close()
    connection.settings_dict.update({key: owner[key] for key in CREDENTIALS})
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def schema_grants_apply(*, schema: str) -> list[str] | None:
    """Bring one schema's grants for the application role up to date; None when there is
    no application role (a database run with one role) or this login cannot grant."""
    role = app_role()
    with connection.cursor() as cursor:
        if not db_roles.role_exists(cursor, role):
            return None
        cursor.execute(
            "SELECT pg_has_role(current_user, nspowner, 'USAGE') FROM pg_namespace "
            "WHERE nspname = %s",
            [schema],
        )
        row = cursor.fetchone()
        if row is None or not row[0]:
            return None
        db_roles.default_privileges_set(cursor, role)
        return db_roles.schema_grant(cursor, schema, role)


def grants_apply_everywhere() -> None:
    """Every schema: for a database migrated before the roles existed."""
    role = app_role()
    with connection.cursor() as cursor:
        if db_roles.role_exists(cursor, role):
            db_roles.grants_apply(cursor, role)
    connection.set_schema_to_public()


def after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate, once per migrate run (sent for every app; accounts is in both the
    public and the partners' app lists): the grants of the schema just migrated."""
    if sender.label != "accounts":
        return
    schema = getattr(connection, "schema_name", None) or "public"
    guarded = schema_grants_apply(schema=schema)
    if guarded is None:
        logger.debug("no application role to grant to in %s", schema)

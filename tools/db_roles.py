"""The two PostgreSQL roles Casebridge runs with (DESIGN.md, "Database roles").

- The **owner** owns every schema and table. Migrations, creating a partner (cloning
  `_template`) and purging one run as the owner (`DATABASE_OWNER_URL`).
- The **application** role (`casebridge_app` unless DATABASE_APP_ROLE says otherwise) is
  what the web, worker and beat processes log in as (`DATABASE_URL`). It is neither
  superuser nor owner, so it cannot `SET session_replication_role`, disable a trigger or
  alter a table; on append-only tables (those with a `casebridge_append_only()` trigger)
  it may only SELECT and INSERT. A statement such a trigger refuses only under a
  condition (a note is amended within 24 hours, never after) stays granted: the trigger
  decides.

    python -m tools.db_roles setup OWNER_URL   # create the app role, grant; prints its URL

`setup` needs an owner that may create roles (a superuser, as in the embedded server,
docker-compose and CI, or a role with CREATEROLE). Without that right, create the role
as DEPLOYMENT.md says and pass both URLs. The SQL here takes any DB-API cursor, so the
Django side (tenants/db_roles.py) runs the same statements after every migration.
"""

import argparse
import hashlib
import hmac
import os
import sys
from urllib.parse import quote, unquote, urlsplit, urlunsplit

DEFAULT_APP_ROLE = "casebridge_app"
# What the application may do on an ordinary table and sequence.
TABLE_RIGHTS = "SELECT, INSERT, UPDATE, DELETE"
SEQUENCE_RIGHTS = "USAGE, SELECT, UPDATE"
# Tables whose rows say what has happened: recorded, never rewritten by the application.
APPEND_ONLY_RIGHTS = "SELECT, INSERT"
# The function every append-only trigger runs (accounts migration 0002).
APPEND_ONLY_FUNCTION = "casebridge_append_only"
# Tables the application reads but never writes.
READ_ONLY_TABLES = ["django_migrations"]


def qi(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def app_role_name() -> str:
    """DATABASE_APP_ROLE; else, when both URLs are given and name different roles,
    DATABASE_URL's; else casebridge_app."""
    if os.environ.get("DATABASE_APP_ROLE"):
        return os.environ["DATABASE_APP_ROLE"]
    url, owner_url = os.environ.get("DATABASE_URL"), os.environ.get("DATABASE_OWNER_URL")
    if url and owner_url:
        user, owner = urlsplit(url).username, urlsplit(owner_url).username
        if user and user != owner:
            return unquote(user)
    return DEFAULT_APP_ROLE


def app_password(owner_password: str | None, role: str) -> str | None:
    """DATABASE_APP_PASSWORD, or one derived from the owner's password (so it needs no
    storing and is as secret as the owner's); None when the owner has none (trust auth)."""
    given = os.environ.get("DATABASE_APP_PASSWORD")
    if given:
        return given
    if not owner_password:
        return None
    return hmac.new(owner_password.encode(), role.encode(), hashlib.sha256).hexdigest()[:40]


def url_with_user(url: str, user: str, password: str | None) -> str:
    """The same server and database, logged in as another role."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    credentials = quote(user, safe="") + (":" + quote(password, safe="") if password else "")
    netloc = f"{credentials}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def role_exists(cursor, role: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
    return cursor.fetchone() is not None


def can_create_roles(cursor) -> bool:
    cursor.execute("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    row = cursor.fetchone()
    return bool(row and row[0])


def app_role_ensure(cursor, role: str, password: str | None) -> None:
    """Create the application role if missing (a login with no special rights), and keep
    its password. Roles belong to the whole server, so two databases on one server (CI)
    share it; a concurrent creation elsewhere is not an error."""
    if not role_exists(cursor, role):
        cursor.execute(
            "DO $$ BEGIN "
            f"CREATE ROLE {qi(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
            "NOREPLICATION NOBYPASSRLS; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        )
    if password is not None:
        cursor.execute(f"ALTER ROLE {qi(role)} PASSWORD %s", [password])


# pg_trigger.tgtype's bits for the statements a trigger fires on.
TRIGGER_OPERATIONS = {8: "DELETE", 16: "UPDATE", 32: "TRUNCATE"}


def guarded_operations(cursor, schema: str) -> dict[str, set[str]]:
    """For each of the schema's tables, the statements an append-only trigger refuses
    whatever the row (a trigger with a WHEN condition, such as a note fixed only after
    24 hours, leaves its statement to the trigger).

    Found from the schema's (or public's) append-only function through pg_depend's index
    on what is depended on, so the cost does not grow with the number of partners:
    joining pg_trigger to every schema's copy of the function, as this did, scanned
    pg_trigger once per partner (6 s a schema at 100 partners, after every migration)."""
    cursor.execute(
        "SELECT array_agg(oid::bigint) FROM pg_proc WHERE proname = %s "
        "AND pronamespace IN (%s::regnamespace, 'public'::regnamespace)",
        [APPEND_ONLY_FUNCTION, qi(schema)],
    )
    functions = cursor.fetchone()[0] or []
    if not functions:
        return {}
    cursor.execute(
        # `IS TRUE` keeps the planner on the index of what is depended on (refobjid):
        # catalog statistics are often stale, and the one on classid reads every trigger.
        """
        SELECT c.relname, t.tgtype FROM pg_depend d
          JOIN pg_trigger t ON t.oid = d.objid
          JOIN pg_class c ON c.oid = t.tgrelid
         WHERE d.refclassid = 'pg_proc'::regclass AND d.refobjid = ANY(%s::oid[])
           AND (d.classid = 'pg_trigger'::regclass) IS TRUE
           AND c.relnamespace = %s::regnamespace AND NOT t.tgisinternal AND t.tgqual IS NULL
        """,
        [functions, qi(schema)],
    )
    guarded: dict[str, set[str]] = {}
    for table, tgtype in cursor.fetchall():
        ops = {name for bit, name in TRIGGER_OPERATIONS.items() if tgtype & bit}
        guarded.setdefault(table, set()).update(ops)
    return guarded


def append_only_tables(
    cursor, schema: str, guarded: dict[str, set[str]] | None = None
) -> list[str]:
    """The schema's tables whose rows are never changed nor removed."""
    guarded = guarded_operations(cursor, schema) if guarded is None else guarded
    return sorted(t for t, ops in guarded.items() if {"UPDATE", "DELETE"} <= ops)


def default_privileges_set(cursor, role: str) -> None:
    """What the application may do on schemas, tables and sequences the current role
    creates later, in any schema: a partner cloned tomorrow, a table a migration adds."""
    app = qi(role)
    cursor.execute(f"ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO {app}")
    cursor.execute(f"ALTER DEFAULT PRIVILEGES GRANT {TABLE_RIGHTS} ON TABLES TO {app}")
    cursor.execute(f"ALTER DEFAULT PRIVILEGES GRANT {SEQUENCE_RIGHTS} ON SEQUENCES TO {app}")


def schema_grant(cursor, schema: str, role: str) -> list[str]:
    """Give the application what it needs in one schema, and no more; returns the
    append-only tables found. Idempotent: run after every migration."""
    app, s = qi(role), qi(schema)
    cursor.execute(f"GRANT USAGE ON SCHEMA {s} TO {app}")
    cursor.execute(f"GRANT {TABLE_RIGHTS} ON ALL TABLES IN SCHEMA {s} TO {app}")
    cursor.execute(f"GRANT {SEQUENCE_RIGHTS} ON ALL SEQUENCES IN SCHEMA {s} TO {app}")
    operations = guarded_operations(cursor, schema)
    for table, ops in sorted(operations.items()):
        refused = sorted(ops | ({"TRUNCATE"} if "DELETE" in ops else set()))
        cursor.execute(f"REVOKE {', '.join(refused)} ON {s}.{qi(table)} FROM {app}")
    guarded = append_only_tables(cursor, schema, operations)
    cursor.execute(
        "SELECT relname FROM pg_class WHERE relnamespace = %s::regnamespace AND relname = ANY(%s)",
        [s, READ_ONLY_TABLES],
    )
    read_only = [row[0] for row in cursor.fetchall()]
    if read_only:
        tables = ", ".join(f"{s}.{qi(t)}" for t in read_only)
        cursor.execute(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {tables} FROM {app}")
    return guarded


def application_schemas(cursor) -> list[str]:
    """public, _template and every partner's schema: all but PostgreSQL's own."""
    cursor.execute(
        """
        SELECT nspname FROM pg_namespace
         WHERE nspname NOT LIKE 'pg\\_%%' AND nspname <> 'information_schema'
         ORDER BY nspname
        """
    )
    return [row[0] for row in cursor.fetchall()]


def grants_apply(cursor, role: str) -> None:
    """Default privileges, then every existing schema (a database from before the roles)."""
    # Before PostgreSQL 15 anyone may create tables in public; the application may not.
    cursor.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    default_privileges_set(cursor, role)
    for schema in application_schemas(cursor):
        schema_grant(cursor, schema, role)


def setup(owner_url: str) -> str:
    """Create the application role from the owner's URL and grant; return its URL."""
    import psycopg2

    role = app_role_name()
    parts = urlsplit(owner_url)
    owner_password = unquote(parts.password) if parts.password else None
    password = app_password(owner_password, role)
    database_ensure(owner_url)
    conn = psycopg2.connect(owner_url.replace("postgis://", "postgres://", 1))
    try:
        with conn, conn.cursor() as cursor:
            cursor.execute("SELECT current_user")
            (owner,) = cursor.fetchone()
            if owner == role:
                raise SystemExit(f"DATABASE_OWNER_URL logs in as the application role {role}.")
            if not role_exists(cursor, role):
                if not can_create_roles(cursor):
                    raise SystemExit(
                        f"{owner} may not create the application role {role}: create it as "
                        "DEPLOYMENT.md says, or give an owner with CREATEROLE."
                    )
            if can_create_roles(cursor):
                app_role_ensure(cursor, role, password)
            cursor.execute("SELECT current_database()")
            (database,) = cursor.fetchone()
            cursor.execute(f"GRANT CONNECT, TEMPORARY ON DATABASE {qi(database)} TO {qi(role)}")
            grants_apply(cursor, role)
    finally:
        conn.close()
    return url_with_user(owner_url, role, password)


def database_ensure(url: str) -> None:
    """Create the URL's database when it is missing and the role may: a server with only
    its default databases (a CI machine, a new laptop) then works with any name."""
    import psycopg2

    url = url.replace("postgis://", "postgres://", 1)
    try:
        psycopg2.connect(url).close()
        return
    except psycopg2.OperationalError as exc:
        if "does not exist" not in str(exc):
            raise
    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    conn = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    conn.autocommit = True  # CREATE DATABASE cannot run in a transaction
    try:
        with conn.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {qi(name)}")
    finally:
        conn.close()
    print(f"Created the database {name}.", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    sub = parser.add_subparsers(dest="action", required=True)
    setup_parser = sub.add_parser("setup", help="create the app role and grant; print its URL")
    setup_parser.add_argument("owner_url")
    check = sub.add_parser("can-create-roles", help="exit 0 when the URL's role may create roles")
    check.add_argument("url")
    args = parser.parse_args(argv)
    if args.action == "setup":
        print(setup(args.owner_url))
        return 0
    import psycopg2

    try:
        database_ensure(args.url)
        conn = psycopg2.connect(args.url)
    except psycopg2.Error as exc:
        print(f"Cannot connect with DATABASE_URL: {exc}".strip(), file=sys.stderr)
        return 2
    try:
        with conn.cursor() as cursor:
            return 0 if can_create_roles(cursor) else 1
    finally:
        conn.close()


if __name__ == "__main__":
    sys.exit(main())

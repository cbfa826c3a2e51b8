"""The database of one `bin/bench tenants` run: beside DATABASE_URL's, named after the
run's process, a copy of DATABASE_URL's when that one has no partners and no one else
is connected (else created empty), dropped at the end."""

import os
from urllib.parse import urlsplit, urlunsplit


def bench_database_url() -> str:
    """A database for this run alone, beside DATABASE_URL's (named after this process)."""
    base = os.environ.get("DATABASE_URL")
    if not base:
        raise SystemExit("Set DATABASE_URL (bin/bench does): the bench database sits beside it.")
    parts = urlsplit(base)
    name = f"{parts.path.lstrip('/')[:40]}_tenants_{os.getpid()}"
    return urlunsplit(parts._replace(path="/" + name))


def server_link(url: str):
    """An autocommit session on the server's `postgres` database (CREATE/DROP DATABASE)."""
    import psycopg2

    parts = urlsplit(url)
    link = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
    )
    link.autocommit = True
    return link


def without_partners(url: str) -> bool:
    """Whether the database at `url` holds no partner's schema (its template may)."""
    import psycopg2

    link = psycopg2.connect(url)
    try:
        with link.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'partner\\_%'")
            return cursor.fetchone()[0] == 0
    finally:
        link.close()


def database_create(url: str, base_url: str) -> bool:
    """Create the run's database: a copy of DATABASE_URL's when that one has no partners
    and nobody else is connected (seconds; bin/bench has just migrated it), else empty
    (then migrated from nothing, minutes). True when copied."""
    import psycopg2

    name = urlsplit(url).path.lstrip("/")
    base = urlsplit(base_url).path.lstrip("/")
    link = server_link(url)
    try:
        with link.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is not None:
                raise SystemExit(f"The bench database {name} is there already: drop it first.")
            if without_partners(base_url):
                try:
                    cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{base}"')
                    print(f"created the bench database {name} as a copy of {base}", flush=True)
                    return True
                except psycopg2.errors.ObjectInUse:  # another session is on it
                    pass
            print(f"creating the bench database {name} …", flush=True)
            cursor.execute(f'CREATE DATABASE "{name}"')
            return False
    finally:
        link.close()


def database_drop(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    link = server_link(url)
    with link.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    link.close()
    print(f"dropped the bench database {name}", flush=True)

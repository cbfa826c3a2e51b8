"""Where one clone's time goes, at the database's current number of partners: the
template's statements replayed one by one under a throwaway schema in a transaction that
is rolled back (nothing stays), summed by kind of statement, with the slowest ones; then
the product's own `partner_create`, statement by statement, also rolled back. Wall time
and, when the server runs on this machine, the server process's CPU time (which a busy
machine does not stretch).

    DATABASE_URL=… python -m bench.clone_profile [--top 12]

Run it at two sizes (e.g. in `bin/bench tenants --keep`'s database) and compare: what
grows with the number of partners is what in a clone depends on other schemas.
"""

import argparse
import os
import re
import sys
import time
from collections import defaultdict


def statement_kind(sql: str) -> str:
    more = sql.count(";\n")  # the clone sends its statements in a few blocks
    kind = one_kind(sql)
    return f"{kind} and {more} more (a block)" if more else kind


def one_kind(sql: str) -> str:
    text = " ".join(sql.split())[:160].upper()
    for pattern, kind in (
        (r"^CREATE (OR REPLACE )?FUNCTION", "CREATE FUNCTION"),
        (r"^CREATE SEQUENCE", "CREATE SEQUENCE"),
        (r"^ALTER SEQUENCE", "ALTER SEQUENCE"),
        (r"^CREATE TABLE", "CREATE TABLE"),
        (r"^INSERT INTO", "INSERT … SELECT (rows)"),
        (r"^SELECT SETVAL", "setval"),
        (r"^CREATE UNIQUE INDEX", "CREATE UNIQUE INDEX"),
        (r"^CREATE INDEX", "CREATE INDEX"),
        (r"^ALTER TABLE .* FOREIGN KEY", "ADD FOREIGN KEY"),
        (r"^ALTER TABLE", "ALTER TABLE (other)"),
        (r"^CREATE (CONSTRAINT )?TRIGGER", "CREATE TRIGGER"),
        (r"^(GRANT|REVOKE)", "GRANT/REVOKE"),
    ):
        if re.search(pattern, text):
            return kind
    return text.split(" ")[0] + " …"


class ServerCpu:
    """CPU seconds the database session's server process has used, read from /proc when
    the server runs on this machine (a busy machine stretches wall time, not CPU time);
    NaN otherwise."""

    def __init__(self, cursor):
        cursor.execute("SELECT pg_backend_pid()")
        (self.pid,) = cursor.fetchone()
        self.tick = os.sysconf("SC_CLK_TCK")

    def seconds(self) -> float:
        try:
            with open(f"/proc/{self.pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        return (int(fields[11]) + int(fields[12])) / self.tick  # utime + stime


class Profile:
    def __init__(self):
        self.by_kind = defaultdict(lambda: [0, 0.0, 0.0])
        self.timed: list[tuple[float, str]] = []

    def add(self, sql: str, seconds: float, cpu: float) -> None:
        bucket = self.by_kind[statement_kind(sql)]
        bucket[0] += 1
        bucket[1] += seconds
        bucket[2] += cpu
        self.timed.append((seconds, " ".join(sql.split())[:150]))

    def lines(self, title: str, top: int) -> list[str]:
        total = sum(b[1] for b in self.by_kind.values())
        cpu = sum(b[2] for b in self.by_kind.values())
        count = sum(b[0] for b in self.by_kind.values())
        out = [f"{title}: {count} statements, {total:.2f} s, server CPU {cpu:.2f} s"]
        for kind, (n, s, c) in sorted(self.by_kind.items(), key=lambda item: -item[1][1]):
            out.append(
                f"  {kind:<26} {n:>5} {s:>7.3f} s  ({s / max(n, 1) * 1000:.2f} ms each)"
                f"  CPU {c:.2f} s"
            )
        out.append(f"  slowest {top}:")
        out += [f"    {s * 1000:8.1f} ms  {sql}" for s, sql in sorted(self.timed)[-top:][::-1]]
        return out


class Rollback(Exception):
    pass


def replay(snapshot, top: int) -> list[str]:
    """The clone's statements one by one, in one transaction rolled back."""
    from django.db import connection, transaction

    profile = Profile()
    schema = f"profile_clone_{os.getpid()}"
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            server = ServerCpu(cursor)
            cursor.execute(f'CREATE SCHEMA "{schema}"')
            cursor.execute(f'SET search_path TO "{schema}"')
            cursor.execute("SET LOCAL check_function_bodies = off")
            statements = [*snapshot.before_rows, *snapshot.copy_rows]
            statements += [snapshot.set_sequences] if snapshot.set_sequences else []
            for sql in [*statements, *snapshot.after_rows]:
                started, cpu = time.perf_counter(), server.seconds()
                cursor.execute(sql)
                profile.add(sql, time.perf_counter() - started, server.seconds() - cpu)
            raise Rollback
    except Rollback:
        pass
    finally:
        connection.set_schema_to_public()
    return profile.lines("the template's statements one by one (rolled back)", top)


def product_clone(top: int) -> list[str]:
    """partner_create as the product runs it, each statement timed, rolled back."""
    from django.db import connection, transaction

    from tenants.services import partner_create

    profile = Profile()
    with connection.cursor() as cursor:
        server = ServerCpu(cursor)

    def timed(execute, sql, params, many, context):
        started, cpu = time.perf_counter(), server.seconds()
        try:
            return execute(sql, params, many, context)
        finally:
            profile.add(sql, time.perf_counter() - started, server.seconds() - cpu)

    slug = f"profile-{os.getpid()}"
    started = time.perf_counter()
    try:
        with transaction.atomic(), connection.execute_wrapper(timed):
            partner_create(actor=None, name="Profile", slug=slug, kind="family_centre")
            elapsed = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    connection.set_schema_to_public()
    return [f"partner_create in all {elapsed:.2f} s", *profile.lines("its statements", top)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--top", type=int, default=12, help="slowest statements shown")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from tenants.schema_clone import snapshot_for

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'partner\\_%'")
        (partners,) = cursor.fetchone()
        snapshot = snapshot_for(cursor, settings.TENANT_BASE_SCHEMA)
    print(
        f"{partners} partner schemas; the template's DDL is {snapshot.statement_count} statements"
    )
    print("\n".join(replay(snapshot, args.top)))
    print("\n".join(product_clone(args.top)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""PgBouncer in front of PostgreSQL (DEPLOYMENT.md, "PgBouncer: session pooling only").

A partner is chosen by the session's search_path. Through Debian's real `pgbouncer` on
127.0.0.1, two threads each act for one partner and send interleaved requests: every
read is checked against the schema it meant to read. In session mode (what DEPLOYMENT.md
requires) no read lands in the other partner's schema; in transaction mode one does,
which is why DEPLOYMENT.md forbids it.

Skipped where `pgbouncer` is not installed, unless CASEBRIDGE_REQUIRE_PGBOUNCER=1 (.ci/run
installs it and sets that, so CI never skips it)."""

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
from django.db import connections

from tenants.postgresql_backend.base import search_path_kept

PGBOUNCER = shutil.which("pgbouncer") or (
    "/usr/sbin/pgbouncer" if Path("/usr/sbin/pgbouncer").exists() else None
)

pytestmark = [pytest.mark.security]
if PGBOUNCER is None:
    if os.environ.get("CASEBRIDGE_REQUIRE_PGBOUNCER") == "1":
        raise RuntimeError("CASEBRIDGE_REQUIRE_PGBOUNCER=1 but pgbouncer is not installed")
    pytestmark.append(
        pytest.mark.skip(reason="pgbouncer is not installed (apt-get install pgbouncer)")
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@pytest.fixture
def pgbouncer(db, request):
    """A pgbouncer on a free loopback port in front of this test database, in the pool
    mode the test asks for (`@pytest.mark.parametrize("pgbouncer", [...], indirect=True)`)."""
    mode, pool_size = request.param
    real = connections["default"].settings_dict
    port = _free_port()
    folder = Path(tempfile.mkdtemp(prefix="casebridge-pgbouncer-"))
    user, password = real["USER"], real.get("PASSWORD") or ""
    (folder / "users.txt").write_text(f"{_quoted(user)} {_quoted(password)}\n")
    (folder / "pgbouncer.ini").write_text(
        "[databases]\n"
        f"* = host={real.get('HOST') or '127.0.0.1'} port={real.get('PORT') or 5432}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
        f"auth_type = trust\nauth_file = {folder / 'users.txt'}\n"
        f"pool_mode = {mode}\ndefault_pool_size = {pool_size}\nmin_pool_size = 0\n"
        "server_reset_query = DISCARD ALL\n"
        "ignore_startup_parameters = extra_float_digits, options\n"
        f"logfile = {folder / 'pgbouncer.log'}\npidfile = {folder / 'pgbouncer.pid'}\n"
    )
    command = [PGBOUNCER, str(folder / "pgbouncer.ini")]
    if os.geteuid() == 0:  # pgbouncer refuses to run as root
        folder.chmod(0o777)
        for file in folder.iterdir():
            file.chmod(0o644)
        command[1:1] = ["-u", "nobody"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_for(port, process, folder)
        yield {**real, "HOST": "127.0.0.1", "PORT": str(port), "CONN_MAX_AGE": None}
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def _wait_for(port: int, process: subprocess.Popen, folder: Path) -> None:
    for _ in range(100):
        if process.poll() is not None:
            log = folder / "pgbouncer.log"
            said = log.read_text() if log.exists() else process.stdout.read().decode()
            raise RuntimeError(f"pgbouncer stopped at start: {said}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("pgbouncer did not listen within 5 seconds")


def _session(settings_dict):
    """A database session of the application's own backend (django-tenants' search_path
    handling), outside the test's transaction, as a web process's thread holds one."""
    return type(connections["default"])(dict(settings_dict))


def _schema_read(session) -> str:
    with session.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        return cursor.fetchone()[0]


def _requests(settings_dict, schema: str, count: int, wrong: list, done: list, barrier) -> None:
    """`count` requests for one partner: a page of plain statements (the path set before
    each, as django-tenants does), a GraphQL-like stretch with the path set once, and every
    other request ending as a request ends under CONN_MAX_AGE=0 (the session closed)."""
    session = _session(settings_dict)
    try:
        for number in range(count):
            barrier.wait()  # both partners' requests interleave statement by statement
            session.set_schema(schema)
            reads = [_schema_read(session)]
            with search_path_kept(session):
                reads += [_schema_read(session), _schema_read(session)]
            wrong.extend(read for read in reads if read != schema)
            if number % 2:
                session.close()
        done.append(schema)
    except BaseException:
        barrier.abort()  # the other thread stops waiting; the test fails on `done`
        raise
    finally:
        session.close()


def _interleaved(settings_dict, schemas: list[str], count: int) -> list[str]:
    wrong: list[str] = []
    done: list[str] = []
    barrier = threading.Barrier(len(schemas), timeout=60)
    threads = [
        threading.Thread(
            target=_requests, args=(settings_dict, schema, count, wrong, done, barrier)
        )
        for schema in schemas
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(done) == sorted(schemas), "a partner's requests did not all finish"
    return wrong


@pytest.mark.parametrize("pgbouncer", [("session", 2)], indirect=True)
def test_in_session_mode_no_read_uses_the_other_partners_search_path(
    pgbouncer, partner_a, partner_b
):
    wrong = _interleaved(pgbouncer, [partner_a.schema_name, partner_b.schema_name], 60)
    assert wrong == []


@pytest.mark.parametrize("pgbouncer", [("session", 1)], indirect=True)
def test_a_server_session_handed_to_the_next_client_starts_on_the_default_path(
    pgbouncer, partner_a, partner_b
):
    """One server connection serves A, then B: `DISCARD ALL` resets A's path, and the
    application sets B's before B's first read."""
    first = _session(pgbouncer)
    assert _schema_read(_chosen(first, partner_a)) == partner_a.schema_name
    backend = _backend_pid(first)
    first.close()

    second = _session(pgbouncer)
    try:
        assert _backend_pid(second) == backend  # the same server session, handed on
        with second.cursor() as cursor:
            cursor.execute("SHOW search_path")
            assert partner_a.schema_name not in cursor.fetchone()[0]
        assert _schema_read(_chosen(second, partner_b)) == partner_b.schema_name
    finally:
        second.close()


@pytest.mark.parametrize("pgbouncer", [("transaction", 1)], indirect=True)
def test_in_transaction_mode_a_kept_path_reads_the_other_partner(pgbouncer, partner_a, partner_b):
    """Why DEPLOYMENT.md forbids transaction pooling: a server connection is a client's
    only for one transaction, so the path A set is gone (B's is there) by A's next
    statement. If this ever stops failing, the code changed how it sets the path:
    revisit DEPLOYMENT.md."""
    a, b = _session(pgbouncer), _session(pgbouncer)
    try:
        _chosen(a, partner_a)
        _chosen(b, partner_b)
        with search_path_kept(a):
            assert _schema_read(a) == partner_a.schema_name  # sets A's path on the server
            assert _schema_read(b) == partner_b.schema_name  # B's path on the same server
            assert _schema_read(a) == partner_b.schema_name  # A now reads B's schema
    finally:
        a.close()
        b.close()


def _chosen(session, partner):
    session.set_schema(partner.schema_name)
    return session


def _backend_pid(session) -> int:
    with session.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]

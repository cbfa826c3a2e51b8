"""With pytest-xdist (bin/test runs one worker per core), the test database is built
once, while the workers start and collect, and each worker's database is a copy of it.

Building it (migrations, the template schema, the partners cloned from it) is most of a
worker's setup; two workers building side by side on two cores would each take about as
long as the whole build. Instead the controller builds `test_<name>_template` by running
pytest on one test without xdist (the ordinary session setup of tests/conftest.py), and
each worker's test database is created WITH TEMPLATE it (config/settings/test.py reads
CASEBRIDGE_TEST_DB_TEMPLATE). Django still migrates the copy, which finds nothing to do;
tests/conftest.py's setup finds its partners already there. The copy is dropped at the end
unless --reuse-db keeps it (it is then reused as it is, like the workers' databases).
"""

import os
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A test that needs the database and nothing else: running it builds the database.
BUILD_WITH = "tests/test_url_coverage.py::test_every_portal_and_console_pattern_is_listed"
TEMPLATE_VARIABLE = "CASEBRIDGE_TEST_DB_TEMPLATE"
BUILD_VARIABLE = "CASEBRIDGE_TEST_DB_BUILD"
# A file the controller writes when the build is over: "ok" or why it failed.
DONE_VARIABLE = "CASEBRIDGE_TEST_DB_BUILT"
BUILD_KEY = pytest.StashKey[threading.Thread]()


def _is_controller_with_workers(config) -> bool:
    return bool(getattr(config.option, "numprocesses", None)) and not hasattr(config, "workerinput")


def _template_name() -> str:
    from django.conf import settings

    return f"test_{settings.DATABASES['default']['NAME']}_template"


@contextmanager
def _server_cursor(config):
    """A cursor on the server's maintenance database, outside pytest-django's blocker
    (the controller runs no test, so nothing else opens the database here)."""
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock(), connection._nodb_cursor() as cursor:
        yield cursor


def _exists(config, name: str) -> bool:
    with _server_cursor(config) as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def _drop(config, name: str) -> None:
    with _server_cursor(config) as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Lock slots (max_locks_per_transaction × max_connections) below which two workers, each
# running a test that clones several partners in one transaction, can exhaust the
# server's lock table ("out of shared memory"). DEPLOYMENT.md, Scale.
LOCK_SLOTS_NEEDED = 20_000


def _lock_slots(config) -> int:
    with _server_cursor(config) as cursor:
        cursor.execute(
            "SELECT current_setting('max_locks_per_transaction')::int"
            " * current_setting('max_connections')::int"
        )
        return cursor.fetchone()[0]


def pytest_configure(config):
    if not _is_controller_with_workers(config):
        return
    slots = _lock_slots(config)
    if slots < LOCK_SLOTS_NEEDED:
        print(
            f"PostgreSQL has room for {slots} locks: two test workers cloning partners at "
            'once may run out ("out of shared memory"). Set max_locks_per_transaction=256 '
            "(platform/DEPLOYMENT.md) or run CASEBRIDGE_TEST_WORKERS=0 bin/test.",
            file=sys.stderr,
        )
    name = _template_name()
    reuse = config.getoption("reuse_db") and not config.getoption("create_db")
    os.environ[TEMPLATE_VARIABLE] = name  # the workers, started after this, inherit it
    if reuse and _exists(config, name):
        return
    # Built in the background: the workers start, import and collect meanwhile (on two
    # cores the build uses one), and wait for it only when their first test asks for the
    # database (django_db_modify_db_settings below). Before the terminal reporter exists:
    # the progress goes straight to stderr.
    print(f"Building the test database once for the workers ({name})…", file=sys.stderr)
    done = Path(tempfile.mkdtemp(prefix="casebridge-test-db-")) / "built"
    os.environ[DONE_VARIABLE] = str(done)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:xdist",
        "-p",
        "no:cacheprovider",
        "-q",
        "--create-db",
        "--reuse-db",
        BUILD_WITH,
    ]
    build = subprocess.Popen(
        command,
        cwd=ROOT,
        # Not DONE_VARIABLE: the build would wait for itself.
        env={k: v for k, v in os.environ.items() if k != DONE_VARIABLE} | {BUILD_VARIABLE: name},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    thread = threading.Thread(target=_report_when_built, args=(build, done), daemon=True)
    thread.start()
    config.stash[BUILD_KEY] = thread


def _report_when_built(build: subprocess.Popen, done: Path) -> None:
    """Write the build's outcome where the workers look: "ok", or its output's end."""
    started = time.monotonic()
    output, _ = build.communicate()
    text = (
        "ok" if build.returncode == 0 else f"Building the test database failed:\n{output[-8000:]}"
    )
    partial = done.with_suffix(".partial")
    partial.write_text(text)
    partial.rename(done)  # whole or not at all
    print(f"\nBuilt the test database in {time.monotonic() - started:.0f} s.", file=sys.stderr)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix) -> None:
    """pytest-django's hook just before it creates this worker's database: a copy of the
    template, which the controller may still be building."""
    path = os.environ.get(DONE_VARIABLE)
    if not path:
        return
    done = Path(path)
    while not done.exists():
        time.sleep(0.5)
    outcome = done.read_text()
    if outcome != "ok":
        pytest.exit(outcome, returncode=1)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    """A failed build fails the run, whatever the workers reported."""
    config = session.config
    if not _is_controller_with_workers(config):
        return
    if (thread := config.stash.get(BUILD_KEY, None)) is None:
        return
    thread.join()
    outcome = Path(os.environ[DONE_VARIABLE]).read_text()
    if outcome != "ok":
        print(outcome, file=sys.stderr)
        session.exitstatus = 1


def pytest_unconfigure(config):
    if not _is_controller_with_workers(config):
        return
    if (thread := config.stash.get(BUILD_KEY, None)) is not None:
        thread.join()  # a run stopped early still waits for the build before dropping it
    if config.getoption("reuse_db"):
        return
    _drop(config, _template_name())

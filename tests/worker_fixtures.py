"""Fixtures for the tests that run a real Celery worker (registered for every test
module in tests/conftest.py)."""

import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

from config.celery import app

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def worker_queue(db):
    """A `celery worker` subprocess on the test database, consuming a queue of its own
    (so a developer's running worker cannot take the test's task)."""
    database = settings.DATABASES["default"]
    url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**database)
    queue = f"test-{uuid.uuid4().hex[:8]}"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "warning",
            "--queues",
            queue,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=os.environ | {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield queue
    process.terminate()
    output, _ = process.communicate(timeout=30)
    print(output)


@pytest.fixture
def real_sending():
    """Tests run tasks eagerly; this one sends them to the broker."""
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = eager


def in_own_connection(work):
    """Run `work` in a thread: its own connection, committed at once."""
    result, errors = {}, []

    def run():
        try:
            result["value"] = work()
        except Exception as exc:  # surfaced in the test
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result.get("value")

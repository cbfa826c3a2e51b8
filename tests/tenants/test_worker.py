"""A real Celery worker process: a task sent from inside a partner runs in that partner's schema."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from django_tenants.utils import schema_context

from config.celery import app
from tenants.models import WorkerHeartbeat
from tenants.tasks import platform_heartbeat

ROOT = Path(__file__).resolve().parents[2]


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


def test_a_task_sent_from_a_partner_runs_in_its_schema_in_a_real_worker(
    worker_queue, real_sending, partner_a
):
    sent_at = timezone.now()  # no delete: a row lock held here would block the worker
    with schema_context(partner_a.schema_name):
        platform_heartbeat.apply_async(queue=worker_queue)
    deadline = time.monotonic() + 60
    beat = None
    while time.monotonic() < deadline and beat is None:
        beat = WorkerHeartbeat.objects.filter(pk=1, beat_at__gte=sent_at).first()
        time.sleep(0.3)
    assert beat is not None, "the worker did not run the task within 60 s"
    assert beat.schema_name == partner_a.schema_name

"""A real Celery worker process: a task sent from inside a partner runs in that partner's schema."""

import time

from django.utils import timezone
from django_tenants.utils import schema_context

from tenants.models import WorkerHeartbeat
from tenants.tasks import platform_heartbeat


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

from celery import shared_task
from django.db import connection
from django.utils import timezone


@shared_task(name="tenants.tasks.platform_heartbeat")
def platform_heartbeat() -> str:
    """Sent by beat, run by the worker: /healthz shows how long ago it last ran."""
    from tenants.models import WorkerHeartbeat

    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        pk=1, defaults={"beat_at": now, "schema_name": connection.schema_name}
    )
    return now.isoformat()

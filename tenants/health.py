"""Readiness checks for /healthz: each returns (ok, detail) and never leaks secrets."""

from django.conf import settings
from django.db import connection
from django.utils import timezone


def database_status() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "not ready"; the type is enough
        return False, f"unavailable ({type(exc).__name__})"
    return True, "ok"


def broker_status() -> tuple[bool, str]:
    from kombu import Connection

    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            connect_timeout=2,
        ) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return False, f"unavailable ({type(exc).__name__})"
    return True, "ok"


def worker_heartbeat_age() -> float | None:
    from tenants.models import WorkerHeartbeat

    try:
        beat = WorkerHeartbeat.objects.filter(pk=1).values_list("beat_at", flat=True).first()
    except Exception:
        return None
    return None if beat is None else round((timezone.now() - beat).total_seconds(), 1)

from celery import shared_task
from django.db import connection
from django_tenants.utils import get_public_schema_name


@shared_task(name="casework.safeguarding.tasks.safeguarding_reminders", acks_late=True)
def safeguarding_reminders() -> dict:
    """Sent by beat to every partner (tenant-schemas-celery runs it in that partner's
    schema). acks_late: a worker killed mid-run leaves the message on the queue, and the
    rerun sends only what the first run had not (dedupe keys)."""
    if connection.schema_name == get_public_schema_name():
        return {}  # the platform has no casework
    from casework.safeguarding.services.reminders import reminders_sweep

    result = reminders_sweep()
    return {"cases": result.cases, "sent": result.sent, "skipped": result.skipped}

from celery import shared_task
from django.db import connection
from django_tenants.utils import get_public_schema_name


@shared_task(name="casework.plans.tasks.plans_overdue", acks_late=True)
def plans_overdue() -> dict:
    """Sent by beat to every partner each morning: overdue actions and reviews become
    tasks (idempotent, so a rerun adds nothing)."""
    if connection.schema_name == get_public_schema_name():
        return {}
    from casework.plans.services.overdue import overdue_sweep

    result = overdue_sweep()
    return {"created": result.created, "skipped": result.skipped}

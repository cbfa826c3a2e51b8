from celery import shared_task
from django.db import connection
from django_tenants.utils import get_public_schema_name


@shared_task(name="privacy.retention.tasks.retention_due", acks_late=True)
def retention_due() -> dict:
    """Weekly, in every partner (beat): what the retention rules make due, for the DPO."""
    if connection.schema_name == get_public_schema_name():
        return {}
    from privacy.retention.services import batch_prepare

    batch = batch_prepare()
    return {"due": batch.total, "held": len(batch.held)}


@shared_task(name="privacy.retention.tasks.disposal_run")
def disposal_run_task(batch_id: int) -> None:
    """Runs in the schema it was sent from (tenant-schemas-celery)."""
    from privacy.retention.disposal import disposal_run

    disposal_run(batch_id=batch_id)

from celery import shared_task
from django.db import connection
from django_tenants.utils import get_public_schema_name


@shared_task(name="casework.duplicates.tasks.duplicates_find_nightly", acks_late=True)
def duplicates_find_nightly() -> dict:
    """Sent by beat to every partner each night: new likely duplicate pairs are kept for
    review and the managers get a task (casework.duplicates.nightly)."""
    if connection.schema_name == get_public_schema_name():
        return {}
    from casework.duplicates.nightly import duplicates_find

    return duplicates_find()

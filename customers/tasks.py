from celery import shared_task


@shared_task(name="customers.tasks.appointments_flag_missing")
def appointments_flag_missing() -> int:
    """Sent by beat to every partner: flags yesterday's appointments with no status."""
    from customers.services.appointments import appointments_flag_missing as flag

    return flag()


@shared_task(name="customers.tasks.customer_duplicates_find_nightly", acks_late=True)
def customer_duplicates_find_nightly() -> dict:
    """Sent by beat to every partner each night: new likely duplicate customers are kept
    for review and the champions and managers get a task (casework.duplicates.nightly)."""
    from django.db import connection
    from django_tenants.utils import get_public_schema_name

    if connection.schema_name == get_public_schema_name():
        return {}
    from casework.duplicates.nightly import duplicates_find
    from customers.services.duplicates import CUSTOMERS

    return duplicates_find(CUSTOMERS)

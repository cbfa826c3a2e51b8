from celery import shared_task


@shared_task(name="customers.tasks.appointments_flag_missing")
def appointments_flag_missing() -> int:
    """Sent by beat to every partner: flags yesterday's appointments with no status."""
    from customers.services.appointments import appointments_flag_missing as flag

    return flag()

from celery import shared_task


@shared_task(name="cms.tasks.manual_publish_scheduled")
def manual_publish_scheduled() -> bool:
    """Sent by beat to every partner (tenant-schemas-celery runs it in that partner's
    schema): publishes the manual pages whose scheduled time has come."""
    from cms import services

    return services.manual_publish_scheduled()

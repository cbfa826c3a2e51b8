from celery import shared_task


@shared_task(name="reports.tasks.export_build")
def export_build_task(export_id: int) -> None:
    """Runs in the schema it was sent from (tenant-schemas-celery)."""
    from reports.services.exports import export_build

    export_build(export_id=export_id)

from celery import shared_task


@shared_task(name="privacy.subject_access.tasks.subject_export_build")
def subject_export_build_task(export_id: int) -> None:
    """Runs in the schema it was sent from (tenant-schemas-celery)."""
    from privacy.subject_access.services import subject_export_build

    subject_export_build(export_id=export_id)

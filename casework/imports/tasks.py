from celery import shared_task


@shared_task(name="casework.imports.tasks.import_process", acks_late=True)
def import_process_task(job_id: int, dry_run: bool) -> None:
    """Runs in the schema it was sent from (tenant-schemas-celery)."""
    from casework.imports.services import import_process

    import_process(job_id=job_id, dry_run=dry_run)

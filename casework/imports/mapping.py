"""Where each imported record came from (ImportedRecord): found by the source's own id,
kept or refreshed when a row is brought in."""

from casework.imports.models import ImportedRecord


def imported_get(*, job, record_type: str, source_id: str) -> ImportedRecord | None:
    if not source_id:
        return None
    return ImportedRecord.objects.filter(
        source_system=job.source_system, record_type=record_type, source_id=source_id
    ).first()


def imported_keep(
    *, job, record_type: str, source_id: str, object_id: int, fingerprint: str, known=None
) -> None:
    """Remember that `source_id` of the job's source system is this record; `known`, the
    ImportedRecord found for it already (refreshed: one statement either way)."""
    if known is not None:
        ImportedRecord.objects.filter(pk=known.pk).update(
            object_id=object_id, fingerprint=fingerprint, job=job
        )
        return
    ImportedRecord.objects.create(
        source_system=job.source_system,
        record_type=record_type,
        source_id=source_id,
        object_id=object_id,
        fingerprint=fingerprint,
        job=job,
    )


def import_reason(job) -> str:
    """Kept with every change an import makes (History shows it beside the person)."""
    return f"Imported from {job.source_system} ({job.file_name})"

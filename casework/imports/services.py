"""An import: the file uploaded and checked, its columns mapped, a dry run, then the
import itself, both run by a Celery task (casework.imports.running) that reports its
progress. Nothing is written from a file that cannot be read whole."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from casework.imports import policy, reading, registry, running
from casework.imports.models import ImportJob, ImportStatus
from casework.tracking import attributed
from tenants.accounts.services.audit import audit_record


def max_bytes() -> int:
    """The largest file taken (setting CASEBRIDGE_IMPORT_MAX_BYTES)."""
    return int(getattr(settings, "CASEBRIDGE_IMPORT_MAX_BYTES", reading.DEFAULT_MAX_BYTES))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def import_upload(*, actor, kind_key: str, uploaded) -> ImportJob:
    """Take a file of one kind of record: refused whole, with a message saying why, when
    it is too large, not a spreadsheet, not UTF-8, has formula cells or a heading twice.
    The columns of a known export come mapped already."""
    policy.check_import(actor)
    kind = registry.import_kind(kind_key)
    errors = {}
    if kind is None or kind not in registry.import_kinds(user=actor):
        errors["kind"] = "Choose what the file holds."
    if uploaded is None:
        errors["file"] = "Choose a file to upload."
    elif uploaded.size > max_bytes():
        errors["file"] = (
            f"The file is {_megabytes(uploaded.size)}: the most an import takes is "
            f"{_megabytes(max_bytes())}. Split it into smaller files."
        )
    if errors:
        raise ValidationError(errors)
    fmt = reading.file_format(uploaded.name)
    uploaded.seek(0)
    if fmt == "csv":
        reading.sniff_binary(uploaded.read(4096))
        uploaded.seek(0)
    headers, count = reading.file_check(uploaded, fmt)
    if not count:
        raise ValidationError({"file": "The file has headings but no rows to import."})
    uploaded.seek(0)
    source, mapping = registry.preset_for(kind, headers)
    with transaction.atomic():
        job = ImportJob(
            kind=kind.key,
            source_system=source,
            file_name=uploaded.name[-200:],
            headers=headers,
            mapping=mapping,
            rows_total=count,
            created_by=actor,
        )
        job.file.save(f"upload.{fmt}", uploaded, save=False)
        job.save()
    return job


def mapping_errors(kind: registry.ImportKind, headers: list[str], mapping: dict) -> dict:
    """A column chosen for two fields, a column the file does not have, or a required
    field left without one: each named on its field."""
    errors, taken = {}, {}
    for field in kind.fields:
        column = mapping.get(field.key, "")
        if not column:
            if field.required:
                errors[field.key] = f"Choose the column that holds the {field.label.lower()}."
            continue
        if column not in headers:
            errors[field.key] = f"The file has no column “{column[:60]}”."
        elif column in taken:
            errors[field.key] = (
                f"The column “{column[:60]}” is already chosen for "
                f"{kind.field_label(taken[column]).lower()}: a column fills one field only."
            )
        else:
            taken[column] = field.key
    return errors


@attributed
def import_check(*, actor, job: ImportJob, mapping: dict, source_system: str = "") -> ImportJob:
    """Keep the columns chosen and start the dry run: every row through the services,
    every write undone at the end, the report kept."""
    policy.check_import(actor)
    kind = registry.import_kind(job.kind)
    mapping = {key: column for key, column in mapping.items() if column}
    errors = mapping_errors(kind, job.headers, mapping)
    source_system = (source_system or job.source_system).strip()[:60]
    if not source_system:
        errors["source_system"] = "Name the system the file came from."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.is_running:
            raise ValidationError({"job": "This file is being checked or imported already."})
        job.mapping = mapping
        job.source_system = source_system
        job.status = ImportStatus.CHECKING
        job.rows_done = 0
        job.save(update_fields=["mapping", "source_system", "status", "rows_done"])
        _queue(job, dry_run=True)
    return job


@attributed
def import_start(*, actor, job: ImportJob) -> ImportJob:
    """Import a checked file, in batches, each all or nothing."""
    policy.check_import(actor)
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        checked = "dry_run" in (job.report or {})  # a failed import may be run again
        if job.status not in {ImportStatus.CHECKED, ImportStatus.DONE, ImportStatus.FAILED} or (
            not checked
        ):
            raise ValidationError({"job": "Check the file (the dry run) before importing it."})
        job.status = ImportStatus.IMPORTING
        job.rows_done = 0
        job.save(update_fields=["status", "rows_done"])
        audit_record(
            actor=actor,
            action="import.run",
            detail=f"{job.file_name} ({job.kind}, {job.rows_total} row(s)) from "
            f"{job.source_system}, import {job.public_id}",
        )
        _queue(job, dry_run=False)
    return job


def _queue(job: ImportJob, *, dry_run: bool) -> None:
    from casework.imports.tasks import import_process_task

    transaction.on_commit(lambda: import_process_task.delay(job.pk, dry_run))


def import_process(*, job_id: int, dry_run: bool) -> None:
    """The task's work (casework.imports.running): a redelivered task does nothing."""
    running.job_run(job_id=job_id, dry_run=dry_run)

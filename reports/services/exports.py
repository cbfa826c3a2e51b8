"""Asking for an export and building it. Small exports are built in the request and
downloaded at once; large ones by a Celery task that reports its progress on the row."""

import logging
import os
import tempfile
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from reports import policy
from reports.definitions import order_errors
from reports.exports import writers
from reports.exports.datasets import DATASETS
from reports.models import Export, ExportFormat, ExportStatus
from tenants.accounts.services.audit import audit_record

logger = logging.getLogger(__name__)

DEFAULT_DIRECT_ROWS = 5000


def direct_rows_limit() -> int:
    """Up to this many rows, an export is built in the request and downloaded at once."""
    return int(getattr(settings, "CASEBRIDGE_EXPORT_DIRECT_ROWS", DEFAULT_DIRECT_ROWS))


def _validate(*, dataset_key: str, fmt: str, date_from, date_to):
    errors = {}
    dataset = DATASETS.get(dataset_key)
    if dataset is None:
        errors["dataset"] = "Choose what to export from the list."
    if fmt not in ExportFormat.values:
        errors["format"] = "Choose CSV or Excel (.xlsx)."
    errors |= order_errors(date_from, date_to)
    if errors:
        raise ValidationError(errors)
    return dataset


def export_create(
    *, actor, dataset_key: str, fmt: str, date_from: date | None = None, date_to: date | None = None
) -> Export:
    """Record the request (who exported what is audited), then build it now if small or
    queue it if large. Returns the Export: READY when built here, QUEUED otherwise."""
    dataset = _validate(dataset_key=dataset_key, fmt=fmt, date_from=date_from, date_to=date_to)
    policy.check_export(actor, dataset)
    total = dataset.count_for(user=actor, date_from=date_from, date_to=date_to)
    with transaction.atomic():
        export = Export.objects.create(
            requested_by=actor,
            dataset=dataset.key,
            format=fmt,
            params={
                "date_from": date_from.isoformat() if date_from else None,
                "date_to": date_to.isoformat() if date_to else None,
            },
            rows_total=total,
        )
        audit_record(
            actor=actor,
            action="export.create",
            detail=f"{dataset.title} as {fmt}, {total} row(s), export {export.public_id}",
        )
        if total > direct_rows_limit():
            from reports.tasks import export_build_task

            transaction.on_commit(lambda: export_build_task.delay(export.pk))
    if total <= direct_rows_limit():
        export_build(export_id=export.pk)
        export.refresh_from_db()
    return export


def _dates(export: Export) -> tuple[date | None, date | None]:
    params = export.params or {}
    return tuple(
        date.fromisoformat(params[key]) if params.get(key) else None
        for key in ("date_from", "date_to")
    )


def export_build(*, export_id: int) -> None:
    """Build the file (in the task, or in the request for small ones). The rows are
    chosen again here, with the requester's rights as they are now."""
    with transaction.atomic():
        export = Export.objects.select_for_update().select_related("requested_by").get(pk=export_id)
        if export.status != ExportStatus.QUEUED:
            return  # already built, being built, or failed: a redelivered task does nothing
        export.status = ExportStatus.RUNNING
        export.save(update_fields=["status"])
    user = export.requested_by
    dataset = DATASETS[export.dataset]
    date_from, date_to = _dates(export)

    def progress(done: int) -> None:
        Export.objects.filter(pk=export.pk).update(rows_done=done)

    suffix = f".{export.format}"
    handle, path = tempfile.mkstemp(suffix=suffix)
    os.close(handle)
    try:
        if not policy.can_export(user, dataset):
            raise policy.ReportsRefused("The account that asked can no longer export this.")
        rows = dataset.iter_rows(user=user, date_from=date_from, date_to=date_to)
        if export.format == ExportFormat.XLSX:
            done = writers.write_xlsx(
                path, dataset.headers, rows, sheet_name=dataset.title, on_progress=progress
            )
        else:
            with open(path, "w", newline="", encoding="utf-8") as out:
                done = writers.write_csv(out, dataset.headers, rows, on_progress=progress)
        name = f"{dataset.key}-{timezone.localdate():%Y-%m-%d}{suffix}"
        with open(path, "rb") as built:
            export.file.save(name, File(built), save=False)
        Export.objects.filter(pk=export.pk).update(
            file=export.file.name,
            rows_done=done,
            rows_total=done,
            status=ExportStatus.READY,
            finished_at=timezone.now(),
        )
    except Exception as exc:
        logger.exception("export %s failed", export.public_id)
        message = getattr(exc, "message", "") or "The export could not be built. Try again."
        Export.objects.filter(pk=export.pk).update(
            status=ExportStatus.FAILED, error=str(message)[:300], finished_at=timezone.now()
        )
    finally:
        os.unlink(path)

"""Import jobs, for those who may import (policy): the partner's jobs, newest first, and
one job by its public id; a running job's progress."""

from django.core.cache import cache
from django.db.models import QuerySet

from casework.imports import policy, reading
from casework.imports.models import ImportJob


def import_jobs(*, user) -> QuerySet[ImportJob]:
    if not policy.can_import(user):
        return ImportJob.objects.none()
    return ImportJob.objects.select_related("created_by")


def import_job_get(*, user, public_id) -> ImportJob | None:
    return import_jobs(user=user).filter(public_id=public_id).first()


def progress_key(job) -> str:
    """The cache key of a running job's rows done (the cache's keys carry the schema)."""
    return f"import-progress:{job.public_id}"


def import_rows_done(job: ImportJob) -> int:
    """Rows done so far: a dry run's progress is in the cache (its writes are undone at
    the end, so the job's own row cannot show it); an import's is on the row too."""
    return max(job.rows_done, cache.get(progress_key(job), 0) if job.is_running else 0)


PREVIEW_ROWS = 5


def import_preview(*, job: ImportJob, kind, rows: int = PREVIEW_ROWS) -> dict:
    """The first rows as they will be read: each field chosen, with its column's text."""
    fields = [f for f in kind.fields if job.mapping.get(f.key)]
    shown = []
    with job.file.open("rb") as handle:
        for number, row in reading.records(handle, reading.file_format(job.file.name)):
            shown.append((number, [(f, row.get(job.mapping[f.key], "")) for f in fields]))
            if len(shown) >= rows:
                break
    return {"fields": fields, "rows": shown}

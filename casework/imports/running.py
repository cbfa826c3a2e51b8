"""Running an import's rows, streamed from its file: the dry run in one transaction that
is undone at the end (so a person twice in the file is matched the second time, as the
import will match them), the import in batches, each committed whole. The refused rows
are written out as they come, with their reason, for the refused-rows download; the
report keeps the counts and the first rows matched and refused."""

import csv
import logging
import os
import tempfile
from collections import Counter

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from casework.imports import reading, registry
from casework.imports.mapping import import_reason, remembered
from casework.imports.matching import batch_row, batch_screened
from casework.imports.models import ImportJob, ImportStatus
from casework.imports.selectors import progress_key
from casework.tracking import acting
from tenants.postgresql_backend.base import search_path_kept
from tenants.services.reference import regions_remembered

logger = logging.getLogger(__name__)

BATCH_ROWS = 200
SHOWN = 20  # rows matched and refused shown on the report


class DryRunUndone(Exception):
    """Raised at the end of a dry run to undo everything it wrote."""


def refusal_text(kind: registry.ImportKind, exc: Exception) -> list[tuple[str, str]]:
    """(field in words, reason) for each thing wrong with a row."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return [
            (kind.field_label(field), " ".join(messages))
            for field, messages in exc.message_dict.items()
        ]
    message = getattr(exc, "message", None) or " ".join(getattr(exc, "messages", [])) or str(exc)
    return [("", message)]


class Run:
    def __init__(self, job: ImportJob, kind: registry.ImportKind, dry_run: bool, out):
        self.job, self.kind, self.dry_run = job, kind, dry_run
        self.counts = Counter()
        self.matched, self.refused = [], []
        self.writer = csv.writer(out)
        self.writer.writerow(["Row", *job.headers, "Reason"])
        self.actor = job.created_by

    def values(self, row: dict) -> dict:
        """The row's texts by field key."""
        return {key: row.get(column, "") for key, column in self.job.mapping.items()}

    def row(self, number: int, row: dict) -> None:
        values = self.values(row)
        try:
            with transaction.atomic():
                outcome = self.kind.row_import(actor=self.actor, values=values, job=self.job)
        except (ValidationError, PermissionDenied) as exc:
            outcome = exc
        self.record(number, row, outcome)

    def batch(self, pending: list) -> None:
        """The kind's batch_import over these rows, each row's result recorded."""
        rows = [(number, self.values(row)) for number, row in pending]
        results = self.kind.batch_import(actor=self.actor, rows=rows, job=self.job)
        for (number, row), outcome in zip(pending, results, strict=True):
            self.record(number, row, outcome)

    def record(self, number: int, row: dict, outcome) -> None:
        """Count a row's Outcome, or write it out refused with its reasons."""
        if isinstance(outcome, Exception):
            reasons = refusal_text(self.kind, outcome)
            self.counts["refused"] += 1
            said = "; ".join(f"{field}: {why}" if field else why for field, why in reasons)
            cells = (reading.neutralised(row.get(h, "")) for h in self.job.headers)
            self.writer.writerow([number, *cells, reading.neutralised(said)])
            if len(self.refused) < SHOWN:
                self.refused += [
                    {"row": number, "field": field, "reason": why} for field, why in reasons
                ]
            return
        self.counts[outcome.action] += 1
        if outcome.action == "matched" and len(self.matched) < SHOWN:
            self.matched.append(
                {"row": number, "record": outcome.record, "on": list(outcome.matched_on)}
            )

    def report(self) -> dict:
        return {
            "counts": {action: self.counts.get(action, 0) for action in registry.ACTIONS},
            "matched": self.matched,
            "refused": self.refused,
            "at": timezone.now().isoformat(),
        }


def _progress(job: ImportJob, done: int, *, saved: bool) -> None:
    cache.set(progress_key(job), done, 24 * 3600)
    if saved:
        ImportJob.objects.filter(pk=job.pk).update(rows_done=done)


def _rows(run: Run, records, *, commit: bool) -> int:
    """Every row, BATCH_ROWS at a time; with `commit`, each batch in its own transaction
    (the dry run's are all inside the one it undoes)."""
    done = 0
    pending = []
    for number, row in records:
        pending.append((number, row))
        if len(pending) >= BATCH_ROWS:
            done += _batch(run, pending, commit=commit)
            pending = []
    if pending:
        done += _batch(run, pending, commit=commit)
    return done


def source_ids(job: ImportJob, rows) -> set[str]:
    """Every old-system id the rows name (their own and the records they hang on)."""
    columns = [column for key, column in job.mapping.items() if key.endswith("source_id")]
    return {row.get(column, "") for _, row in rows for column in columns}


def _batch(run: Run, pending: list, *, commit: bool) -> int:
    """One transaction; the search_path set once (search_path_kept), the source ids and
    the people the rows name each read in one statement (remembered, batch_screened)."""
    rows = [(number, run.values(row)) for number, row in pending]
    with (
        transaction.atomic(),
        search_path_kept(),
        remembered(job=run.job, source_ids=source_ids(run.job, pending)),
        batch_screened([values for _, values in rows]),
    ):
        if run.kind.batch_import is not None:
            run.batch(pending)  # all of it written, or none
        else:
            for index, (number, row) in enumerate(pending):
                batch_row(index)
                run.row(number, row)
    _progress(run.job, run.counts.total(), saved=commit)
    return len(pending)


def job_run(*, job_id: int, dry_run: bool) -> None:
    expected = ImportStatus.CHECKING if dry_run else ImportStatus.IMPORTING
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or job.status != expected:
        return  # done already, or another run took it: a redelivered task does nothing
    kind = registry.import_kind(job.kind)
    fmt = reading.file_format(job.file.name)
    handle, path = tempfile.mkstemp(suffix=".csv")
    os.close(handle)
    try:
        with (
            open(path, "w", newline="", encoding="utf-8") as out,
            job.file.open("rb") as source,
            acting(job.created_by, action="import", reason=import_reason(job)),
            regions_remembered(),
        ):
            run = Run(job, kind, dry_run, out)
            records = reading.records(source, fmt)
            if dry_run:
                try:
                    with transaction.atomic():
                        _rows(run, records, commit=False)
                        raise DryRunUndone
                except DryRunUndone:
                    pass
            else:
                _rows(run, records, commit=True)
        report = dict(job.report or {})
        report["dry_run" if dry_run else "import"] = run.report()
        if not dry_run:
            report["import"]["dry_run_at"] = (job.report or {}).get("dry_run", {}).get("at")
        if run.counts["refused"]:
            with open(path, "rb") as refused:
                job.refused_file.save("refused-rows.csv", File(refused), save=False)
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.CHECKED if dry_run else ImportStatus.DONE,
            report=report,
            rows_done=run.counts.total(),
            refused_file=job.refused_file.name if run.counts["refused"] else "",
            error="",
            finished_at=timezone.now(),
        )
    except Exception as exc:
        logger.exception("import %s failed", job.public_id)
        message = getattr(exc, "message", "") or (
            "The import stopped on an error. The rows imported before it are kept: "
            "run it again to continue (rows already imported are not imported twice)."
        )
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, error=str(message)[:300], finished_at=timezone.now()
        )
    finally:
        cache.delete(progress_key(job))
        os.unlink(path)

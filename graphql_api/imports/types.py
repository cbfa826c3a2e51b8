"""An import as the API shows it: the file, its columns mapped, progress while it runs
and what its dry run and its import found (casework.imports)."""

from datetime import datetime

import strawberry
from django.urls import reverse

from casework.imports import registry, selectors
from casework.imports.models import ImportJob
from casework.imports.running import SHOWN


@strawberry.type(
    name="ImportColumn", description="A field of the kind and the column it is read from."
)
class ImportColumnType:
    field: str = strawberry.field(description="The field's key (as importCheck takes it).")
    label: str = strawberry.field(description="The field, in words.")
    column: str | None = strawberry.field(description="The file's column, or null: not read.")
    required: bool


@strawberry.type(name="ImportCount", description="How many rows had one outcome.")
class ImportCountType:
    outcome: str = strawberry.field(description=f"One of: {', '.join(registry.ACTIONS)}.")
    label: str
    count: int


@strawberry.type(name="ImportRowMatched", description="A row matched to someone recorded.")
class ImportRowMatchedType:
    row: int
    record: str = strawberry.field(description="The person, in words.")
    matched_on: list[str] = strawberry.field(description="What matched, in words.")


@strawberry.type(name="ImportRowRefused", description="A row refused, and why.")
class ImportRowRefusedType:
    row: int
    field: str = strawberry.field(description="The field at fault, in words (empty: the row).")
    reason: str


@strawberry.type(
    name="ImportRun",
    description=f"What a dry run or an import found: the counts, and the first "
    f"{SHOWN} rows matched and refused (all refused rows: the download).",
)
class ImportRunType:
    counts: list[ImportCountType]
    matched: list[ImportRowMatchedType]
    refused: list[ImportRowRefusedType]
    finished_at: datetime | None


def run_type(run: dict | None) -> ImportRunType | None:
    if not run:
        return None
    return ImportRunType(
        counts=[
            ImportCountType(outcome=key, label=label, count=run["counts"].get(key, 0))
            for key, label in registry.ACTIONS.items()
        ],
        matched=[
            ImportRowMatchedType(row=m["row"], record=m["record"], matched_on=m["on"])
            for m in run.get("matched", [])
        ],
        refused=[
            ImportRowRefusedType(row=r["row"], field=r["field"], reason=r["reason"])
            for r in run.get("refused", [])
        ],
        finished_at=datetime.fromisoformat(run["at"]) if run.get("at") else None,
    )


@strawberry.type(name="ImportJob", description="A file being imported, from upload to done.")
class ImportJobType:
    id: strawberry.ID = strawberry.field(description="The import's id.")
    kind: str = strawberry.field(description="What the file holds (a kind's key).")
    file_name: str
    source_system: str = strawberry.field(description="Where its ids are remembered from.")
    status: str = strawberry.field(
        description="uploaded, checking (the dry run), checked, importing, done or failed."
    )
    status_label: str
    headers: list[str] = strawberry.field(description="The file's column headings.")
    mapping: list[ImportColumnType] = strawberry.field(description="Each field of its kind.")
    rows_total: int
    rows_done: int = strawberry.field(description="Rows done so far by the running step.")
    percent: int
    error: str
    created_at: datetime
    dry_run: ImportRunType | None = strawberry.field(description="The last dry run's report.")
    imported: ImportRunType | None = strawberry.field(description="The last import's report.")
    refused_rows_path: str | None = strawberry.field(
        description="The refused rows as a CSV with a Reason column (signed-in download)."
    )


def job_type(job: ImportJob) -> ImportJobType:
    kind = registry.import_kind(job.kind)
    done = selectors.import_rows_done(job)
    report = job.report or {}
    return ImportJobType(
        id=strawberry.ID(str(job.public_id)),
        kind=job.kind,
        file_name=job.file_name,
        source_system=job.source_system,
        status=job.status,
        status_label=job.get_status_display(),
        headers=list(job.headers),
        mapping=[
            ImportColumnType(
                field=f.key,
                label=f.label,
                column=job.mapping.get(f.key) or None,
                required=f.required,
            )
            for f in (kind.fields if kind else ())
        ],
        rows_total=job.rows_total,
        rows_done=done,
        percent=min(100, done * 100 // job.rows_total) if job.rows_total else 0,
        error=job.error,
        created_at=job.created_at,
        dry_run=run_type(report.get("dry_run")),
        imported=run_type(report.get("import")),
        refused_rows_path=(
            reverse("import_refused", kwargs={"public_id": job.public_id})
            if job.refused_file
            else None
        ),
    )

"""Where each imported record came from (ImportedRecord): found by the source's own id,
kept or refreshed when a row is brought in. `imported_upsert` is the one place a kind's
row becomes "unchanged", "updated", "matched" or "created": every kind calls it.

A batch of rows (casework.imports.running) opens a `remembered` memory first: the
records its rows name are read in one statement, and the ones its rows bring in are
written in one at the batch's end, instead of a statement or two per row."""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from casework.duplicates.kinds import RecordKind
from casework.duplicates.selectors import record_kept
from casework.imports.models import ImportedRecord
from casework.imports.registry import Outcome
from casework.imports.values import fingerprint


@dataclass
class _Memory:
    job: object
    read: set = field(default_factory=set)  # source ids looked up already
    known: dict = field(default_factory=dict)  # (record type, source id) → ImportedRecord
    new: dict = field(default_factory=dict)  # the same, to insert at the end
    refreshed: dict = field(default_factory=dict)  # the same, to update at the end
    looked_up: dict = field(default_factory=dict)  # batch_lookup's answers


_memory: ContextVar[_Memory | None] = ContextVar("imports_memory", default=None)


@contextmanager
def remembered(*, job, source_ids):
    """Within it, `imported_get` answers from one read of every record of these source
    ids (any type), and `imported_keep` writes when it ends (bulk). Call it inside the
    batch's transaction: the writes belong to the batch."""
    memory = _Memory(job=job)
    ids = {source_id for source_id in source_ids if source_id}
    for record in ImportedRecord.objects.filter(source_system=job.source_system, source_id__in=ids):
        memory.known[record.record_type, record.source_id] = record
    memory.read = ids
    token = _memory.set(memory)
    try:
        yield memory
        ImportedRecord.objects.bulk_create(memory.new.values())
        if memory.refreshed:
            ImportedRecord.objects.bulk_update(
                memory.refreshed.values(), ["object_id", "fingerprint", "job"]
            )
    finally:
        _memory.reset(token)


def imported_get(*, job, record_type: str, source_id: str) -> ImportedRecord | None:
    if not source_id:
        return None
    memory = _memory.get()
    if memory is not None and memory.job.pk == job.pk and source_id in memory.read:
        return memory.known.get((record_type, source_id))
    return ImportedRecord.objects.filter(
        source_system=job.source_system, record_type=record_type, source_id=source_id
    ).first()


def imported_keep(
    *, job, record_type: str, source_id: str, object_id: int, fingerprint: str, known=None
) -> None:
    """Remember that `source_id` of the job's source system is this record; `known`, the
    ImportedRecord found for it already (refreshed)."""
    memory = _memory.get()
    if memory is not None and memory.job.pk == job.pk:
        key = (record_type, source_id)
        if known is not None and known.pk:
            known.object_id, known.fingerprint, known.job = object_id, fingerprint, job
            memory.refreshed[key] = known
            return
        record = known or ImportedRecord(
            source_system=job.source_system, record_type=record_type, source_id=source_id
        )
        record.object_id, record.fingerprint, record.job = object_id, fingerprint, job
        memory.known[key] = memory.new[key] = record
        memory.read.add(source_id)
        return
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


def batch_lookup(key: tuple, find: Callable[[], object]):
    """`find()`'s answer, asked once a batch for the same `key` (a programme or service
    named by many rows); outside a batch, asked each time."""
    memory = _memory.get()
    if memory is None:
        return find()
    if key not in memory.looked_up:
        memory.looked_up[key] = find()
    return memory.looked_up[key]


def import_reason(job) -> str:
    """Kept with every change an import makes (History shows it beside the person)."""
    return f"Imported from {job.source_system} ({job.file_name})"


def changes_of(record, wanted: dict) -> dict:
    """The fields of `wanted` that differ from the record's."""
    return {key: value for key, value in wanted.items() if getattr(record, key) != value}


def update_through(service, *, actor, keyword: str, wanted: dict):
    """An `update` for imported_upsert: the kind's *_update service, given the record as
    `keyword` and only the fields that differ from `wanted` (not called when none do)."""

    def update(record, reason):
        changes = changes_of(record, wanted)
        if not changes:
            return record
        return service(actor=actor, reason=reason, **{keyword: record}, **changes)

    return update


def imported_object(known: ImportedRecord, *, records, kind: RecordKind | None = None):
    """The record `known` names (`records`: its model's manager or queryset). For a kind
    that merges (casework.duplicates.kinds), the record kept when it was merged away
    since: a re-imported row updates, and new rows hang on, the person's record, never
    the hidden stub."""
    record = records.get(pk=known.object_id)
    return record if kind is None else record_kept(record, kind=kind)


def source_id_of(values: dict) -> str:
    source_id = values.get("source_id", "")
    if not source_id:
        raise ValidationError({"source_id": "Enter the record's id in the old system."})
    return source_id


def imported_upsert(
    *,
    job,
    record_type: str,
    values: dict,
    records,
    update: Callable[[object, str], object],
    create: Callable[[], tuple[object, Outcome]],
    label: Callable[[object], str] = str,
    kind: RecordKind | None = None,
) -> Outcome:
    """One row of a kind, by its source id: already imported and the same row →
    "unchanged"; imported with changes → `update(record, reason)` (the kind's *_update
    calls, with the import as their reason) → "updated"; else `create()` → (the record
    found or made, its Outcome). `records`: the kind's model's manager or queryset;
    `kind`: its duplicates kind when its records merge (the row then follows a merge to
    the record kept). The source id is remembered for the record either way."""
    source_id = source_id_of(values)
    digest = fingerprint(values)
    known = imported_get(job=job, record_type=record_type, source_id=source_id)
    if known is not None:
        if known.fingerprint == digest:
            return Outcome("unchanged")  # not loaded: the report names no such row
        record = update(imported_object(known, records=records, kind=kind), import_reason(job))
        outcome = Outcome("updated", label(record))
    else:
        record, outcome = create()
    imported_keep(
        job=job,
        record_type=record_type,
        source_id=source_id,
        object_id=record.pk,
        fingerprint=digest,
        known=known,
    )
    return outcome

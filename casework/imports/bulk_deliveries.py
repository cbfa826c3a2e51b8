"""Deliveries imported a batch at a time: every row read first (its date, attendance and
numbers, its engagement by the old system's id, its service), the batch's engagements
locked in one statement, each new row checked by delivery_create's own rules (the
engagement seen and open, check_delivery_fields: the same messages), then the new
sessions written in one statement (bulk_create) and where each came from in one more.
The history triggers keep every insert, attributed to the import and who ran it.

A row imported before with changes, or an id twice in the batch, goes through the row
path (delivery_row_import) after the new sessions are written, so the updates' rules
stay in one place."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from casework import policy
from casework.imports.kinds_engagements import (
    delivery_engagement_known,
    delivery_row_import,
    delivery_service,
    delivery_values,
    missing_error,
)
from casework.imports.mapping import import_reason, imported_get, imported_keep, source_id_of
from casework.imports.registry import Outcome
from casework.imports.values import fingerprint
from casework.models import Engagement, ServiceDelivery
from casework.services.engagements import (
    check_delivery_fields,
    delivery_built,
    engagement_open_check,
    engagement_seen_check,
)
from casework.tracking import acting

ONE_BY_ONE = "row path"


def _read(actor, values: dict, job, seen: set):
    """A row as (source id, digest, its details) when new; an Outcome when unchanged;
    ONE_BY_ONE for the row path."""
    source_id = source_id_of(values)
    if source_id in seen:
        return ONE_BY_ONE  # after the first is written, the row path finds it
    seen.add(source_id)
    digest = fingerprint(values)
    known = imported_get(job=job, record_type="delivery", source_id=source_id)
    if known is not None:
        return Outcome("unchanged") if known.fingerprint == digest else ONE_BY_ONE
    on, attendance, minutes, quantity = delivery_values(values)
    engagement_id = delivery_engagement_known(job, values).object_id
    details = {
        "service": delivery_service(actor, values),
        "on": on,
        "attendance": attendance,
        "duration_minutes": minutes,
        "quantity": quantity,
        "summary": values.get("summary", ""),
    }
    return source_id, digest, engagement_id, details


def _built(actor, job, values: dict, engagement, details: dict) -> ServiceDelivery:
    """delivery_create's checks, in its order, on the locked engagement."""
    if engagement is None:  # removed since it was imported
        raise missing_error(
            job.source_system,
            "engagement",
            values.get("engagement_source_id", ""),
            "engagement_source_id",
        )
    engagement_seen_check(actor, engagement)
    engagement_open_check(engagement)
    checked = {k: v for k, v in details.items() if k != "summary"}
    errors = check_delivery_fields(engagement_start=engagement.start_date, **checked)
    if errors:
        raise ValidationError(errors)
    return delivery_built(actor=actor, engagement=engagement, **details)


def deliveries_import_batch(*, actor, rows: list[tuple[int, dict]], job) -> list:
    """Import a batch of delivery rows (row number, texts by field) in one transaction:
    for each row in order, its Outcome or the ValidationError or PermissionDenied that
    refuses it. Call inside `remembered` (casework.imports.running)."""
    try:
        policy.check_record_casework(actor)
    except PermissionDenied as exc:
        return [exc for _ in rows]
    seen, read = set(), []
    for _, values in rows:
        try:
            read.append(_read(actor, values, job, seen))
        except (ValidationError, PermissionDenied) as exc:
            read.append(exc)
    wanted = {item[2] for item in read if isinstance(item, tuple)}
    results, new = [], []
    with transaction.atomic(), acting(actor, action="import", reason=import_reason(job)):
        engagements = Engagement.objects.select_for_update().in_bulk(wanted)
        for (_, values), item in zip(rows, read, strict=True):
            if not isinstance(item, tuple):
                results.append(item)
                continue
            source_id, digest, engagement_id, details = item
            try:
                built = _built(actor, job, values, engagements.get(engagement_id), details)
            except (ValidationError, PermissionDenied) as exc:
                results.append(exc)
                continue
            new.append((source_id, digest, built))
            results.append(Outcome("created", str(built)))
        _write(job, new)
        for index, ((_, values), item) in enumerate(zip(rows, read, strict=True)):
            if item == ONE_BY_ONE:
                try:
                    with transaction.atomic():
                        results[index] = delivery_row_import(actor=actor, values=values, job=job)
                except (ValidationError, PermissionDenied) as exc:
                    results[index] = exc
    return results


def _write(job, new: list) -> None:
    ServiceDelivery.objects.bulk_create([delivery for _, _, delivery in new])
    for source_id, digest, delivery in new:
        imported_keep(
            job=job,
            record_type="delivery",
            source_id=source_id,
            object_id=delivery.pk,
            fingerprint=digest,
        )

"""Engagements imported a batch at a time: every row read first (engagement_read: its
dates and stage, its contact by the old system's id, its programme), the batch's
contacts read in one statement, each new engagement checked by engagement_open's own
rules (engagement_open_fields_check: the same messages), then the new engagements and
their "opened" log entries written in two statements (bulk_create) and where each came
from in one more. The history triggers keep every insert, attributed to the import and
who ran it.

An engagement that has ended (opened, then closed through engagement_close), a row
imported before with changes, or an id twice in the batch goes through the row path
(engagement_row_import) after the new ones are written."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from casework import policy
from casework.imports.kinds_engagements import engagement_read, engagement_row_import
from casework.imports.mapping import import_reason, imported_get, imported_keep, source_id_of
from casework.imports.registry import Outcome
from casework.imports.values import fingerprint
from casework.models import ENDED_STAGES, CaseworkEvent, Contact, Engagement
from casework.services.engagements import (
    engagement_built,
    engagement_open_fields_check,
    engagement_opened_event,
)
from casework.tracking import acting

ONE_BY_ONE = "row path"


def _read(actor, values: dict, job, seen: set):
    """A new row as (source id, digest, contact id, details); an Outcome when unchanged;
    ONE_BY_ONE for the row path."""
    source_id = source_id_of(values)
    if source_id in seen:
        return ONE_BY_ONE
    seen.add(source_id)
    digest = fingerprint(values)
    known = imported_get(job=job, record_type="engagement", source_id=source_id)
    if known is not None:
        return Outcome("unchanged") if known.fingerprint == digest else ONE_BY_ONE
    start, _, referred_on, stage, contact_known, programme = engagement_read(actor, values, job)
    if stage in ENDED_STAGES:
        return ONE_BY_ONE  # opened and closed through the services, as on the screens
    details = {
        "programme": programme,
        "start_date": start,
        "stage": stage,
        "referral_source": values.get("referral_source", ""),
        "referral_date": referred_on,
        "referral_reason": values.get("referral_reason", ""),
    }
    return source_id, digest, contact_known.object_id, details


def engagements_import_batch(*, actor, rows: list[tuple[int, dict]], job) -> list:
    """Import a batch of engagement rows (row number, texts by field) in one transaction:
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
    contacts = Contact.objects.in_bulk({item[2] for item in read if isinstance(item, tuple)})
    results, new = [], []
    with transaction.atomic(), acting(actor, action="import", reason=import_reason(job)):
        for item in read:
            if not isinstance(item, tuple):
                results.append(item)
                continue
            source_id, digest, contact_id, details = item
            contact = contacts.get(contact_id)
            errors = {"contact_source_id": "That contact has been removed."} if not contact else {}
            if contact:
                errors = engagement_open_fields_check(
                    contact=contact,
                    programme=details["programme"],
                    start_date=details["start_date"],
                    stage=details["stage"],
                    referral_date=details["referral_date"],
                )
            if errors:
                results.append(ValidationError(errors))
                continue
            engagement = engagement_built(actor=actor, contact=contact, **details)
            new.append((source_id, digest, engagement))
            results.append(Outcome("created", str(engagement)))
        _write(actor, job, new)
        for index, ((_, values), item) in enumerate(zip(rows, read, strict=True)):
            if item == ONE_BY_ONE:
                try:
                    with transaction.atomic():
                        results[index] = engagement_row_import(actor=actor, values=values, job=job)
                except (ValidationError, PermissionDenied) as exc:
                    results[index] = exc
    return results


def _write(actor, job, new: list) -> None:
    engagements = [engagement for _, _, engagement in new]
    Engagement.objects.bulk_create(engagements)
    CaseworkEvent.objects.bulk_create(
        [engagement_opened_event(actor, engagement) for engagement in engagements]
    )
    for source_id, digest, engagement in new:
        imported_keep(
            job=job,
            record_type="engagement",
            source_id=source_id,
            object_id=engagement.pk,
            fingerprint=digest,
        )

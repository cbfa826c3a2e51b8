"""Running a confirmed disposal batch (the Celery task calls `disposal_run`): each
record checked again, its parts blanked (privacy/retention/parts.py), the person too once
nothing else about them is kept, their referrals' copies redacted, the audit entries
about them emptied of words; CHUNK records per transaction, progress counted, then the
disposal records written."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from casework.models import Contact, Household
from casework.tracking import acting
from customers.models import Customer
from privacy.retention import kinds, selectors
from privacy.retention.blanking import audit_blank, blank, files_delete_after_commit
from privacy.retention.models import (
    Action,
    BatchStatus,
    DisposalBatch,
    DisposalRecord,
    Disposed,
    Origin,
    RecordType,
    RetentionRule,
)
from referrals.models import Referral

CHUNK = 50
PERSON = "person"
HOUSEHOLD_FIELDS = ("name", "address_line_1", "address_line_2", "town", "postcode")


def _blank_parts(parts, pk: int, action: str) -> None:
    for part in parts:
        pks = list(part.rows(pk).values_list("pk", flat=True))
        if part.files:
            files_delete_after_commit(part.model, pks, part.files)
        counted = {
            name: list(
                part.model._base_manager.filter(pk__in=pks)
                .exclude(**{name: ""})
                .values_list("pk", flat=True)
            )
            for name, _words in part.counted
        }
        blank(part.model, pks, part.fields(action))
        if action == Action.ANONYMISE:
            for name, words in part.counted:
                part.model._base_manager.filter(pk__in=counted[name]).update(**{name: words})


def _dispose_parts(record_type: str, pk: int, action: str) -> None:
    _blank_parts(kinds.KINDS[record_type].parts, pk, action)


def _mark(batch, record_type: str, pk: int) -> None:
    Disposed.objects.get_or_create(record_type=record_type, object_id=pk, defaults={"batch": batch})


def _nothing_else_kept(contact: Contact) -> bool:
    return not selectors.records_of(contact)


def _person_dispose(batch, person, action: str, *, asked: bool = False) -> bool:
    """Anonymise the person once nothing else about them is kept (or when they asked)."""
    if isinstance(person, Customer):
        return False  # a customer is the record itself
    if not (asked or _nothing_else_kept(person)):
        return False
    if Disposed.objects.filter(record_type=PERSON, object_id=person.pk).exists():
        return False
    referrals_forget(actor=batch.confirmed_by, person=person)
    _blank_parts(kinds.PERSON_PARTS, person.pk, action)
    audit_blank([person.public_id])
    household = Household.objects.get(pk=person.household_id)
    if not household.members.exclude(pk=person.pk).exists():
        blank(Household, [household.pk], HOUSEHOLD_FIELDS)
    _mark(batch, PERSON, person.pk)
    return True


def _dispose_one(batch, record_type: str, pk: int, action: str, today: date) -> bool:
    """Dispose of one record if it is still due and nothing holds it."""
    model = kinds.KINDS[record_type].model
    record = model.objects.filter(pk=pk).first()
    if record is None:
        return False
    if batch.origin == Origin.SCHEDULE:
        rule = RetentionRule.objects.get(record_type=record_type)
        if not kinds.due(record_type, rule.years, today).filter(pk=pk).exists():
            return False
    if selectors.hold_reasons(record_type, record):
        return False
    if record_type == RecordType.CUSTOMER:
        referrals_forget(actor=batch.confirmed_by, person=record)
    _dispose_parts(record_type, pk, action)
    audit_blank([record.public_id])
    _mark(batch, record_type, pk)
    if record_type == RecordType.SAFEGUARDING_CASE:
        engagement = record.engagement
        left = kinds.not_disposed(engagement.safeguarding_cases.all(), record_type)
        if not left.exists():
            _dispose_parts(RecordType.ENGAGEMENT, engagement.pk, action)
            audit_blank([engagement.public_id])
            _mark(batch, RecordType.ENGAGEMENT, engagement.pk)
    for person in kinds.people_of(record_type, record):
        _person_dispose(batch, person, action)
    return True


def referrals_forget(*, actor, person) -> int:
    """A person's details are disposed of (on request or by the rules): the referrals
    they were part of are withdrawn if still open and every copy, ours and the other
    partner's, loses its payload, as consent withdrawal does. Copies already redacted
    are left as they are. Part of the caller's transaction."""
    from referrals.services.exchange import referrals_redact

    if isinstance(person, Contact):
        sent = Referral.objects.filter(contact=person)
    else:
        sent = Referral.objects.filter(customer_link__customer=person)
    return referrals_redact(
        actor=actor,
        sent=sent.filter(redacted_at=None),
        reason="The person's details were disposed of (retention or their request).",
    )


def disposal_run(*, batch_id: int, today: date | None = None) -> DisposalBatch:
    """Run a confirmed batch, CHUNK records per transaction, counting progress; then
    write the disposal records. Called by the Celery task."""
    today = today or timezone.localdate()
    batch = DisposalBatch.objects.select_related("confirmed_by").get(pk=batch_id)
    if batch.status not in (BatchStatus.CONFIRMED, BatchStatus.RUNNING):
        return batch  # never without confirmation
    actor = batch.confirmed_by
    DisposalBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING)
    rules = {rule.record_type: rule for rule in RetentionRule.objects.all()}
    counts = {}
    work = [(t, pk) for t, ids in batch.items.items() for pk in ids]
    with acting(actor, action="disposal_run"):
        for start in range(0, len(work), CHUNK):
            with transaction.atomic():
                done = skipped = 0
                for record_type, pk in work[start : start + CHUNK]:
                    if record_type == PERSON:
                        person = Contact.objects.filter(pk=pk).first()
                        if person is not None:
                            _person_dispose(batch, person, Action.ERASE, asked=True)
                        ok = Disposed.objects.filter(record_type=PERSON, object_id=pk).exists()
                    else:
                        action = (
                            Action.ERASE
                            if batch.origin == Origin.REQUEST
                            else rules[record_type].action
                        )
                        ok = _dispose_one(batch, record_type, pk, action, today)
                    done, skipped = done + ok, skipped + (not ok)
                    if ok:
                        counts[record_type] = counts.get(record_type, 0) + 1
                DisposalBatch.objects.filter(pk=batch.pk).update(
                    done=batch.done + done, skipped=batch.skipped + skipped
                )
                batch.done, batch.skipped = batch.done + done, batch.skipped + skipped
        with transaction.atomic():
            for record_type, count in counts.items():
                rule = rules.get(record_type)
                scheduled = batch.origin == Origin.SCHEDULE and rule is not None
                DisposalRecord.objects.create(
                    batch=batch,
                    record_type=record_type,
                    record_type_label=(
                        RecordType(record_type).label if record_type != PERSON else "People"
                    ),
                    count=count,
                    rule=selectors.rule_words(rule) if scheduled else "Erasure on request",
                    action=rule.action if scheduled else Action.ERASE,
                    origin=batch.origin,
                    confirmed_by_name=actor.get_full_name() or actor.username,
                    confirmed_at=batch.confirmed_at,
                )
            DisposalBatch.objects.filter(pk=batch.pk).update(
                status=BatchStatus.DONE, finished_at=timezone.now()
            )
    batch.refresh_from_db()
    return batch

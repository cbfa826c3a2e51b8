"""Retention writes: rules (audited), legal holds, the weekly list of what is due, the
DPO's confirmation, the disposal itself (a Celery task, in batches, with progress) and
erasure on request. Nothing is disposed of without a confirmed batch."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casework.models import Contact, Engagement, Household
from casework.tracking import acting
from casework.worklist.services import notification_send
from customers.models import Customer
from privacy.retention import kinds, policy, selectors
from privacy.retention.blanking import blank
from privacy.retention.models import (
    Action,
    BatchStatus,
    DisposalBatch,
    DisposalRecord,
    Disposed,
    HoldSubject,
    LegalHold,
    Origin,
    RecordType,
    RetentionRule,
)
from referrals.models import Referral, SupportCase
from referrals.notify import users_with
from tenants.accounts import capabilities as cap
from tenants.accounts.services.audit import audit_record

CHUNK = 50
PERSON = "person"
HOUSEHOLD_FIELDS = ("name", "address_line_1", "address_line_2", "town", "postcode")


def rule_update(*, actor, rule: RetentionRule, years, action: str) -> RetentionRule:
    policy.check_keep_retention(actor)
    errors = {}
    if not isinstance(years, int) or not 1 <= years <= 100:
        errors["years"] = "Enter a whole number of years from 1 to 100."
    if action not in Action.values:
        errors["action"] = "Choose anonymise or erase."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rule = RetentionRule.objects.select_for_update().get(pk=rule.pk)
        before = {"years": rule.years, "action": rule.action}
        rule.years, rule.action = years, action
        rule.save()
        audit_record(
            actor=actor,
            action="retention.rule_change",
            target_username=rule.record_type,
            before=before,
            after={"years": years, "action": action},
            detail=rule.get_record_type_display(),
        )
    return rule


def hold_place(*, actor, subject, reason: str) -> LegalHold:
    """A legal hold on a person (contact or customer) or a record (support case,
    engagement, safeguarding case)."""
    policy.check_keep_retention(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the hold is needed."})
    if len(reason) > 500:
        raise ValidationError({"reason": "Keep the reason under 500 characters."})
    subject_type = {
        Contact: HoldSubject.CONTACT,
        Customer: HoldSubject.CUSTOMER,
        SupportCase: HoldSubject.SUPPORT_CASE,
        Engagement: HoldSubject.ENGAGEMENT,
    }.get(type(subject), HoldSubject.SAFEGUARDING_CASE)
    label = (
        selectors.person_label(subject)
        if subject_type in (HoldSubject.CONTACT, HoldSubject.CUSTOMER)
        else selectors.record_label(
            {
                HoldSubject.SUPPORT_CASE: RecordType.SUPPORT_CASE,
                HoldSubject.ENGAGEMENT: RecordType.ENGAGEMENT,
            }.get(subject_type, RecordType.SAFEGUARDING_CASE),
            subject,
        )
    )
    with transaction.atomic():
        hold = LegalHold.objects.create(
            subject_type=subject_type,
            subject_id=subject.pk,
            subject_label=label,
            reason=reason,
            placed_by=actor,
        )
        audit_record(
            actor=actor,
            action="retention.hold_place",
            target_public_id=hold.public_id,
            detail=f"{label}: {reason}",
        )
    return hold


def hold_release(*, actor, hold: LegalHold) -> LegalHold:
    policy.check_keep_retention(actor)
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if hold.released_at is None:
            hold.released_at, hold.released_by = timezone.now(), actor
            hold.save(update_fields=["released_at", "released_by"])
            audit_record(
                actor=actor,
                action="retention.hold_release",
                target_public_id=hold.public_id,
                detail=hold.subject_label,
            )
    return hold


def _total(items: dict) -> int:
    return sum(len(ids) for ids in items.values())


def batch_prepare(*, actor=None, today: date | None = None) -> DisposalBatch:
    """Work out what is due (the weekly beat job, or the DPO asking now), replace the
    list waiting for confirmation, and tell the data protection officers."""
    if actor is not None:
        policy.check_keep_retention(actor)
    today = today or timezone.localdate()
    items, held = selectors.due_on(today=today)
    with transaction.atomic():
        DisposalBatch.objects.filter(origin=Origin.SCHEDULE, status=BatchStatus.DUE).update(
            status=BatchStatus.SUPERSEDED
        )
        batch = DisposalBatch.objects.create(
            origin=Origin.SCHEDULE, prepared_by=actor, items=items, held=held, total=_total(items)
        )
        if batch.total or held:
            url = reverse("disposal_batch", args=[batch.public_id])
            for officer in users_with(cap.PROTECT_DATA):
                notification_send(
                    recipient=officer,
                    title=f"Retention: {batch.total} records due, {len(held)} held",
                    body="Review the list and confirm it: nothing is disposed of before.",
                    link_url=url,
                    dedupe_key=f"retention:{batch.public_id}",
                )
    return batch


def batch_confirm(*, actor, batch: DisposalBatch) -> DisposalBatch:
    """The DPO confirms: the disposal runs as a Celery task once this is committed."""
    from privacy.retention.tasks import disposal_run_task

    policy.check_keep_retention(actor)
    with transaction.atomic():
        batch = DisposalBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != BatchStatus.DUE:
            raise ValidationError(
                {"__all__": f"This list cannot be confirmed: {batch.get_status_display().lower()}."}
            )
        batch.status, batch.confirmed_by, batch.confirmed_at = (
            BatchStatus.CONFIRMED,
            actor,
            timezone.now(),
        )
        batch.save(update_fields=["status", "confirmed_by", "confirmed_at"])
        audit_record(
            actor=actor,
            action="retention.disposal_confirm",
            target_public_id=batch.public_id,
            detail=f"{batch.get_origin_display()}: {batch.total} records",
        )
        transaction.on_commit(lambda: disposal_run_task.delay(batch.pk))
    return batch


def _blank_parts(parts, pk: int, action: str) -> None:
    for part in parts:
        pks = list(part.model.objects.filter(**{part.link: pk}).values_list("pk", flat=True))
        blank(part.model, pks, part.fields(action))


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
    _blank_parts(kinds.PERSON_PARTS, person.pk, action)
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
    _dispose_parts(record_type, pk, action)
    _mark(batch, record_type, pk)
    if record_type == RecordType.SAFEGUARDING_CASE:
        engagement = record.engagement
        left = kinds.not_disposed(engagement.safeguarding_cases.all(), record_type)
        if not left.exists():
            _dispose_parts(RecordType.ENGAGEMENT, engagement.pk, action)
            _mark(batch, RecordType.ENGAGEMENT, engagement.pk)
    for person in kinds.people_of(record_type, record):
        _person_dispose(batch, person, action)
    return True


def _redact_referrals(actor, person) -> None:
    """Erasure on request: the referrals they were part of are withdrawn and every copy
    redacted, as consent withdrawal does."""
    from referrals.services.exchange import referrals_redact

    if isinstance(person, Contact):
        sent = Referral.objects.filter(contact=person)
    else:
        sent = Referral.objects.filter(customer_link__customer=person)
    referrals_redact(
        actor=actor, sent=sent, reason="The person asked for their details to be erased."
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
                            _redact_referrals(actor, person)
                            _person_dispose(batch, person, Action.ERASE, asked=True)
                        ok = Disposed.objects.filter(record_type=PERSON, object_id=pk).exists()
                    else:
                        if batch.origin == Origin.REQUEST and record_type == RecordType.CUSTOMER:
                            customer = Customer.objects.filter(pk=pk).first()
                            if customer is not None:
                                _redact_referrals(actor, customer)
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


def erasure_refusals(person, today: date | None = None) -> list[str]:
    """Why the person's details may not be erased now: holds, open safeguarding, and
    safeguarding records their rules still keep."""
    today = today or timezone.localdate()
    reasons = selectors.person_hold_reasons([person])
    for record_type, ids in selectors.records_of(person).items():
        for record in kinds.KINDS[record_type].model.objects.filter(pk__in=ids):
            stored = selectors.holds_in_place().filter(
                subject_type=selectors.HOLD_SUBJECT[record_type], subject_id=record.pk
            )
            reasons += [f"Legal hold on {h.subject_label}: {h.reason}" for h in stored]
            kept = _kept_by_rule(record_type, record, today)
            if kept:
                reasons.append(kept)
    return list(dict.fromkeys(reasons))


def _kept_by_rule(record_type: str, record, today: date) -> str:
    """A safeguarding record its rule still keeps, in words; else ''."""
    if record_type == RecordType.SUPPORT_CASE and record.safeguarding_activated:
        record_type = RecordType.SAFEGUARDING_CALL
    if record_type not in (RecordType.SAFEGUARDING_CALL, RecordType.SAFEGUARDING_CASE):
        return ""
    rule = RetentionRule.objects.get(record_type=record_type)
    if kinds.due(record_type, rule.years, today).filter(pk=record.pk).exists():
        return ""
    return (
        f"{selectors.record_label(record_type, record)} is kept by the rule for "
        f"{rule.get_record_type_display().lower()}: {selectors.rule_words(rule)}."
    )


def erasure_request(*, actor, person, reason: str) -> DisposalBatch:
    """Erasure on request for one person: refused with the reasons where a hold or a rule
    applies; otherwise a batch of everything about them waits for confirmation."""
    policy.check_keep_retention(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say how and when the person asked."})
    if len(reason) > 500:
        raise ValidationError({"reason": "Keep the reason under 500 characters."})
    refusals = erasure_refusals(person)
    if refusals:
        raise ValidationError({"__all__": refusals})
    items = {str(k): v for k, v in selectors.records_of(person).items()}
    if isinstance(person, Contact):
        items[PERSON] = [person.pk]
    with transaction.atomic():
        batch = DisposalBatch.objects.create(
            origin=Origin.REQUEST,
            prepared_by=actor,
            subject_label=selectors.person_label(person),
            reason=reason,
            items=items,
            total=_total(items),
        )
        audit_record(
            actor=actor,
            action="retention.erasure_request",
            target_public_id=batch.public_id,
            detail=selectors.person_label(person),
        )
    return batch

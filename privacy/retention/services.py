"""Retention writes: rules (audited), legal holds, the weekly list of what is due, the
DPO's confirmation and erasure on request. The disposal itself (a Celery task, in batches,
with progress) is privacy/retention/disposal.py. Nothing is disposed of without a confirmed
batch."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casework.models import Contact, Engagement
from casework.worklist.services import notification_send
from customers.models import Customer
from privacy.retention import kinds, policy, selectors
from privacy.retention.disposal import PERSON, disposal_run  # noqa: F401  (run: disposal.py)
from privacy.retention.models import (
    Action,
    BatchStatus,
    DisposalBatch,
    HoldSubject,
    LegalHold,
    Origin,
    RecordType,
    RetentionRule,
)
from referrals.models import SupportCase
from referrals.notify import users_with
from tenants.accounts import capabilities as cap
from tenants.accounts.services.audit import audit_record


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


def hold_release(*, actor, hold: LegalHold, reason: str) -> LegalHold:
    """Release a hold, saying why (kept on the hold and in the audit log)."""
    policy.check_keep_retention(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the hold is no longer needed."})
    if len(reason) > 500:
        raise ValidationError({"reason": "Keep the reason under 500 characters."})
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if hold.released_at is None:
            hold.released_at, hold.released_by = timezone.now(), actor
            hold.release_reason = reason
            hold.save(update_fields=["released_at", "released_by", "release_reason"])
            audit_record(
                actor=actor,
                action="retention.hold_release",
                target_public_id=hold.public_id,
                detail=f"{hold.subject_label}: {reason}"[:300],
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

"""Reads for retention: the rules, what is due and what holds it, the batches and the
disposal records. Every function takes the user and returns nothing to those who may not
keep retention (policy.can_keep_retention)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q

from casework.models import Contact, Engagement
from casework.safeguarding.models import CaseStatus as SafeguardingStatus
from casework.safeguarding.models import SafeguardingCase
from customers.models import Customer
from privacy.retention import kinds, policy
from privacy.retention.models import (
    DisposalBatch,
    DisposalRecord,
    HoldSubject,
    LegalHold,
    Origin,
    RecordType,
    RetentionRule,
)
from referrals.models import CaseStatus, SupportCase

HOLD_SUBJECT = {
    RecordType.SUPPORT_CASE: HoldSubject.SUPPORT_CASE,
    RecordType.ANONYMOUS_CALL: HoldSubject.SUPPORT_CASE,
    RecordType.SAFEGUARDING_CALL: HoldSubject.SUPPORT_CASE,
    RecordType.ENGAGEMENT: HoldSubject.ENGAGEMENT,
    RecordType.SAFEGUARDING_CASE: HoldSubject.SAFEGUARDING_CASE,
    RecordType.CUSTOMER: HoldSubject.CUSTOMER,
}


def rules_all() -> list[RetentionRule]:
    """Every rule, in the order of the record types (no user: the beat job reads them)."""
    rules = {rule.record_type: rule for rule in RetentionRule.objects.all()}
    return [rules[t] for t in RecordType.values if t in rules]


def rules_list(*, user) -> list[RetentionRule]:
    return rules_all() if policy.can_keep_retention(user) else []


def rule_get(*, user, record_type: str) -> RetentionRule | None:
    if not policy.can_keep_retention(user):
        return None
    return RetentionRule.objects.filter(record_type=record_type).first()


def rule_words(rule: RetentionRule) -> str:
    """“6 years after closure, then anonymise”: the rule as the disposal record keeps it."""
    kind = kinds.KINDS[rule.record_type]
    unit = "year" if rule.years == 1 else "years"
    return f"{rule.years} {unit} {kind.measured_from}, then {rule.action}"


def record_label(record_type: str, record) -> str:
    """How the DPO knows a record without its content: client ids, case numbers."""
    if record_type in kinds.SUPPORT_TYPES:
        return f"Support case of caller {record.caller.client_id}"
    if record_type == RecordType.ENGAGEMENT:
        return f"Engagement of {record.contact.client_id}"
    if record_type == RecordType.SAFEGUARDING_CASE:
        return f"Safeguarding case {record.reference}"
    return f"Customer {record.housing_reference or record.pk}"


def person_label(person) -> str:
    if isinstance(person, Contact):
        return person.client_id
    return f"customer {person.housing_reference or person.pk}"


def open_safeguarding(contact: Contact) -> bool:
    """An open safeguarding case about the person always holds (computed, never stored)."""
    return (
        SafeguardingCase.objects.filter(engagement__contact=contact)
        .exclude(status=SafeguardingStatus.CLOSED)
        .exists()
        or SupportCase.objects.filter(Q(caller=contact) | Q(beneficiary=contact))
        .filter(safeguarding_activated=True)
        .exclude(status=CaseStatus.REVIEWED)
        .exists()
    )


def holds_in_place():
    return LegalHold.objects.filter(released_at=None)


def person_hold_reasons(people) -> list[str]:
    contacts = [p.pk for p in people if isinstance(p, Contact)]
    customers = [p.pk for p in people if isinstance(p, Customer)]
    stored = holds_in_place().filter(
        Q(subject_type=HoldSubject.CONTACT, subject_id__in=contacts)
        | Q(subject_type=HoldSubject.CUSTOMER, subject_id__in=customers)
    )
    reasons = [f"Legal hold on {h.subject_label}: {h.reason}" for h in stored]
    reasons += [
        f"An open safeguarding case about {person.client_id}"
        for person in people
        if isinstance(person, Contact) and open_safeguarding(person)
    ]
    return reasons


def hold_reasons(record_type: str, record) -> list[str]:
    """Why this record may not be disposed of now; empty when nothing holds it."""
    stored = holds_in_place().filter(subject_type=HOLD_SUBJECT[record_type], subject_id=record.pk)
    reasons = [f"Legal hold on {h.subject_label}: {h.reason}" for h in stored]
    return reasons + person_hold_reasons(kinds.people_of(record_type, record))


def due_on(*, today: date) -> tuple[dict, list]:
    """({record type: [ids due]}, [held items: type, id, label, reasons]) on `today`."""
    items, held = {}, []
    for rule in rules_all():
        for record in kinds.due(rule.record_type, rule.years, today):
            reasons = hold_reasons(rule.record_type, record)
            if reasons:
                label = record_label(rule.record_type, record)
                held.append(
                    {"type": rule.record_type, "id": record.pk, "label": label, "reasons": reasons}
                )
            else:
                items.setdefault(rule.record_type, []).append(record.pk)
    return items, held


def batch_latest(*, user) -> DisposalBatch | None:
    if not policy.can_keep_retention(user):
        return None
    return DisposalBatch.objects.filter(origin=Origin.SCHEDULE).first()


def batch_get(*, user, public_id) -> DisposalBatch | None:
    if not policy.can_keep_retention(user):
        return None
    return DisposalBatch.objects.select_related("confirmed_by").filter(public_id=public_id).first()


def batch_summary(batch: DisposalBatch) -> list[dict]:
    """The batch by rule: the type, the rule in words, how many are due."""
    rules = {rule.record_type: rule for rule in rules_all()}
    rows = []
    for record_type, ids in batch.items.items():
        rule = rules.get(record_type)
        label = (
            RecordType(record_type).label
            if record_type in RecordType.values
            else ("The person's own details")
        )
        rows.append(
            {
                "type": label,
                "rule": rule_words(rule) if rule and batch.origin == Origin.SCHEDULE else "",
                "count": len(ids),
            }
        )
    return rows


def holds_list(*, user):
    """The holds in place, each with the public id of what it holds (for its page)."""
    if not policy.can_keep_retention(user):
        return LegalHold.objects.none()
    return holds_in_place().select_related("placed_by")


def hold_pages(holds) -> list[tuple]:
    """(hold, the held record's public id or None) for the hold list's links."""
    wanted = {}
    for hold in holds:
        wanted.setdefault(hold.subject_type, set()).add(hold.subject_id)
    ids = {
        (subject, pk): public_id
        for subject, pks in wanted.items()
        if subject in HOLD_MODELS
        for pk, public_id in HOLD_MODELS[subject]
        .objects.filter(pk__in=pks)
        .values_list("pk", "public_id")
    }
    return [(hold, ids.get((hold.subject_type, hold.subject_id))) for hold in holds]


def hold_get(*, user, public_id) -> LegalHold | None:
    return holds_list(user=user).filter(public_id=public_id).first()


def disposal_records(*, user):
    if not policy.can_keep_retention(user):
        return DisposalRecord.objects.none()
    return DisposalRecord.objects.all()


def contact_by_client_id(*, user, client_id: str) -> Contact | None:
    if not policy.can_keep_retention(user) or not client_id:
        return None
    return Contact.objects.filter(client_id__iexact=client_id.strip(), removed_at=None).first()


def person_get(*, user, public_id):
    """The contact or customer with this public id, for erasure on request."""
    if not policy.can_keep_retention(user):
        return None
    return (
        Contact.objects.filter(public_id=public_id).first()
        or Customer.objects.filter(public_id=public_id).first()
    )


def records_of(person) -> dict:
    """{record type: [ids]} of everything kept about the person, not yet disposed of:
    what erasure on request covers."""
    if isinstance(person, Customer):
        return {RecordType.CUSTOMER: [person.pk]}
    cases = SupportCase.objects.filter(Q(caller=person) | Q(beneficiary=person))
    engagements = Engagement.objects.filter(contact=person)
    found = {
        RecordType.SUPPORT_CASE: cases,
        RecordType.ENGAGEMENT: engagements.exclude(safeguarding_cases__isnull=False),
        RecordType.SAFEGUARDING_CASE: SafeguardingCase.objects.filter(engagement__contact=person),
    }
    items = {}
    for record_type, queryset in found.items():
        ids = list(kinds.not_disposed(queryset, record_type).values_list("pk", flat=True))
        if ids:
            items[record_type] = ids
    return items


HOLD_MODELS = {
    HoldSubject.CONTACT: Contact,
    HoldSubject.CUSTOMER: Customer,
    HoldSubject.SUPPORT_CASE: SupportCase,
    HoldSubject.ENGAGEMENT: Engagement,
    HoldSubject.SAFEGUARDING_CASE: SafeguardingCase,
}


def hold_subject_get(*, user, subject: str, public_id):
    """The record a legal hold may be placed on from its page (a person, a customer, an
    engagement, a safeguarding case or a support case), or None."""
    if subject not in HOLD_MODELS or not policy.can_keep_retention(user):
        return None
    try:
        return HOLD_MODELS[subject].objects.filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def holds_on(*, user, record):
    """Every hold placed on the record, in place or released, newest first."""
    if not policy.can_keep_retention(user):
        return LegalHold.objects.none()
    subject = next(s for s, model in HOLD_MODELS.items() if isinstance(record, model))
    return LegalHold.objects.filter(subject_type=subject, subject_id=record.pk).select_related(
        "placed_by", "released_by"
    )


def hold_words(record) -> str:
    """How the hold page names the record (ids and numbers, not the content)."""
    if isinstance(record, (Contact, Customer)):
        return person_label(record)
    if isinstance(record, SupportCase):
        return record_label(RecordType.SUPPORT_CASE, record)
    if isinstance(record, Engagement):
        return record_label(RecordType.ENGAGEMENT, record)
    return f"Safeguarding case {record.reference}"


FOUND_MAX = 20


def people_found(*, user, query: str) -> list[tuple[str, object]]:
    """(subject type, person) for contacts (callers too) and customers whose name,
    client ID or housing reference holds what was typed: at most 20 of each."""
    query = (query or "").strip()
    if len(query) < 2 or not policy.can_keep_retention(user):
        return []
    contacts = Contact.objects.filter(
        Q(search_name__icontains=query) | Q(client_id__iexact=query), removed_at=None
    ).order_by("last_name", "first_name")[:FOUND_MAX]
    customers = Customer.objects.filter(
        Q(search_name__icontains=query) | Q(housing_reference__iexact=query)
    ).order_by("last_name", "first_name")[:FOUND_MAX]
    return [(HoldSubject.CONTACT, c) for c in contacts] + [
        (HoldSubject.CUSTOMER, c) for c in customers
    ]

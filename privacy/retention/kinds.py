"""The record types retention rules cover: which records of each are due on a day, who
they are about (holds on a person hold their records), and what disposing of one blanks.

Anonymise drops identifying details and keeps what reports count (status, dates,
categories); erase drops every written word as well. Rows stay in both cases: other
records' append-only logs point to them, and the disposal record says what was done."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Greatest, TruncDate

from casework.models import ENDED_STAGES, Engagement
from casework.safeguarding.models import CaseStatus as SafeguardingStatus
from casework.safeguarding.models import SafeguardingCase
from customers.models import Customer
from privacy.retention.models import Disposed, RecordType
from privacy.retention.parts import (  # noqa: F401  (PERSON_PARTS: read through kinds)
    CUSTOMER_PARTS,
    ENGAGEMENT_PARTS,
    PERSON_PARTS,
    SAFEGUARDING_PARTS,
    SUPPORT_CASE_PARTS,
)
from referrals.models import ENDED, CaseStatus, SupportCase

SAFEGUARDING_AGE = 25


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def years_after(day: date, years: int) -> date:
    return years_before(day, -years)


@dataclass(frozen=True)
class Kind:
    record_type: str
    model: type
    measured_from: str  # in people's words
    parts: tuple = field(default_factory=tuple)


KINDS = {
    RecordType.SUPPORT_CASE: Kind(
        RecordType.SUPPORT_CASE, SupportCase, "after the case was last changed", SUPPORT_CASE_PARTS
    ),
    RecordType.ANONYMOUS_CALL: Kind(
        RecordType.ANONYMOUS_CALL,
        SupportCase,
        "after the case was last changed (then only counts are kept)",
        SUPPORT_CASE_PARTS,
    ),
    RecordType.SAFEGUARDING_CALL: Kind(
        RecordType.SAFEGUARDING_CALL,
        SupportCase,
        "after the case was last changed, and not before the person's 25th birthday",
        SUPPORT_CASE_PARTS,
    ),
    RecordType.ENGAGEMENT: Kind(
        RecordType.ENGAGEMENT, Engagement, "after closure", ENGAGEMENT_PARTS
    ),
    RecordType.SAFEGUARDING_CASE: Kind(
        RecordType.SAFEGUARDING_CASE,
        SafeguardingCase,
        "after closure, and not before the child's 25th birthday",
        SAFEGUARDING_PARTS,
    ),
    RecordType.CUSTOMER: Kind(
        RecordType.CUSTOMER, Customer, "after their journey ends", CUSTOMER_PARTS
    ),
}
SUPPORT_TYPES = (RecordType.SUPPORT_CASE, RecordType.ANONYMOUS_CALL, RecordType.SAFEGUARDING_CALL)


def not_disposed(queryset, record_type: str):
    kinds = SUPPORT_TYPES if record_type in SUPPORT_TYPES else (record_type,)
    return queryset.exclude(
        Exists(Disposed.objects.filter(record_type__in=kinds, object_id=OuterRef("pk")))
    )


def _anonymous(prefix: str) -> Q:
    return Q(**{f"{prefix}first_name": "", f"{prefix}last_name": ""})


def due(record_type: str, years: int, today: date):
    """The records of this type whose time is up on `today` (holds not yet applied)."""
    cutoff = years_before(today, years)
    grown_up = years_before(today, SAFEGUARDING_AGE)
    if record_type in SUPPORT_TYPES:
        cases = SupportCase.objects.filter(status=CaseStatus.REVIEWED)
        cases = cases.annotate(changed_on=TruncDate("updated_at")).filter(changed_on__lte=cutoff)
        if record_type == RecordType.SAFEGUARDING_CALL:
            cases = cases.filter(
                safeguarding_activated=True, beneficiary__date_of_birth__lte=grown_up
            )
        else:
            cases = cases.filter(safeguarding_activated=False)
            anonymous = _anonymous("caller__")
            cases = cases.filter(
                anonymous if record_type == RecordType.ANONYMOUS_CALL else ~anonymous
            )
    elif record_type == RecordType.ENGAGEMENT:
        cases = Engagement.objects.filter(stage__in=ENDED_STAGES, closed_on__lte=cutoff).exclude(
            Exists(SafeguardingCase.objects.filter(engagement=OuterRef("pk")))
        )
    elif record_type == RecordType.SAFEGUARDING_CASE:
        cases = SafeguardingCase.objects.filter(
            status=SafeguardingStatus.CLOSED,
            closed_on__lte=cutoff,
            engagement__contact__date_of_birth__lte=grown_up,
        )
    else:
        cases = (
            Customer.objects.exclude(referrals__referral__status__in=_open_statuses())
            .annotate(
                ended_on=TruncDate(
                    Greatest("created_at", Max("referrals__referral__status_changed_at"))
                )
            )
            .filter(ended_on__lte=cutoff)
        )
    return not_disposed(cases, record_type).order_by("pk")


def _open_statuses() -> list[str]:
    from referrals.models import ReferralStatus

    return [status for status in ReferralStatus.values if status not in ENDED]


def people_of(record_type: str, record) -> list:
    """Who the record is about: their holds hold it, and they are anonymised with it
    once nothing else about them is kept."""
    if record_type in SUPPORT_TYPES:
        return list(
            {record.caller_id: record.caller, record.beneficiary_id: record.beneficiary}.values()
        )
    if record_type == RecordType.ENGAGEMENT:
        return [record.contact]
    if record_type == RecordType.SAFEGUARDING_CASE:
        return [record.engagement.contact]
    return [record]

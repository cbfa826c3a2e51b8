"""Consent to share, and when it is due for review: one rule, kept here.

Consent recorded as given is reviewed by a date: the decision date plus the partner's
default (CaseworkSettings.consent_review_months), which starts from its kind's
(REVIEW_MONTHS_BY_KIND: 12 months at the support line) and is theirs to change.
The date follows every write of a contact (a pre-save receiver, so creating, correcting,
re-recording and withdrawing consent all keep it right). After that date the consent has
expired: a new referral is refused exactly as when consent was refused
(`consent_in_force`, read by referrals' sending service), until it is recorded again."""

import calendar
from datetime import date, timedelta

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from casework.models import CaseworkSettings, Consent, Contact
from tenants.models import Partner, PartnerKind

DEFAULT_REVIEW_MONTHS = 12
# Where a partner starts (its data protection officer changes it on /consent-reviews/):
# a support line's callers ring again within a year or not at all, and a family centre
# reviews a family's support each year; a borough's employment support runs up to two
# years; an advice or training provider's work is a course or an episode of advice.
REVIEW_MONTHS_BY_KIND = {
    PartnerKind.FAMILY_CENTRE: 12,
    PartnerKind.SUPPORT_LINE: 12,
    PartnerKind.BOROUGH: 24,
    PartnerKind.PROVIDER: 6,
}
REVIEW_MONTHS_MAX = 120
REVIEW_SOON_DAYS = 30


def months_after(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has no such day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def kind_review_months(kind: str | None = None) -> int:
    """The default a partner of this kind (the current schema's when not given) starts with."""
    if kind is None:
        kind = (
            Partner.objects.filter(schema_name=connection.schema_name)
            .values_list("kind", flat=True)
            .first()
        )
    return REVIEW_MONTHS_BY_KIND.get(kind, DEFAULT_REVIEW_MONTHS)


def casework_settings_create(*, kind: str | None = None) -> CaseworkSettings:
    """The partner's settings row, made once (on provisioning, or by whatever first needs
    it), starting from its kind's consent review period."""
    return CaseworkSettings.objects.create(consent_review_months=kind_review_months(kind))


def casework_settings_seed(*, kind: str) -> None:
    """tenants.hooks.partner_cloned: a new partner's row, with its kind's defaults."""
    if not CaseworkSettings.objects.exists():
        casework_settings_create(kind=kind)


def consent_review_months() -> int:
    """This partner's default: how many months given consent lasts before its review."""
    row = CaseworkSettings.objects.only("consent_review_months").first()
    return row.consent_review_months if row else kind_review_months()


def consent_review_date(decided_on: date | None, *, months: int | None = None) -> date:
    """When consent given on `decided_on` (today when unknown) is due for review."""
    months = consent_review_months() if months is None else months
    return months_after(decided_on or timezone.localdate(), months)


def consent_review_follow(sender, instance: Contact, raw=False, **kwargs) -> None:
    """Before a contact is saved: no review date without given consent; a new one when
    consent is newly given or its decision date changed; otherwise it is kept."""
    if raw:
        return
    if instance.consent != Consent.GIVEN:
        instance.consent_review_on = None
        return
    before = None
    if instance.pk is not None:
        before = (
            Contact._base_manager.filter(pk=instance.pk)
            .values_list("consent", "consent_decided_on")
            .first()
        )
    decided = (Consent.GIVEN, instance.consent_decided_on)
    if instance.consent_review_on is None or before != decided:
        instance.consent_review_on = consent_review_date(instance.consent_decided_on)


def consent_expired(contact: Contact, *, today: date | None = None) -> bool:
    """Consent was given but its review date has passed without it being recorded again."""
    today = today or timezone.localdate()
    return (
        contact.consent == Consent.GIVEN
        and contact.consent_review_on is not None
        and contact.consent_review_on < today
    )


def consent_in_force(contact: Contact, *, today: date | None = None) -> bool:
    """The person's consent to share holds today: given, and not past its review date."""
    return contact.consent == Consent.GIVEN and not consent_expired(contact, today=today)


def consent_in_force_q(prefix: str = "", *, today: date | None = None) -> Q:
    """The same rule in SQL, for contacts reached through `prefix` ("beneficiary__")."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}consent": Consent.GIVEN}) & (
        Q(**{f"{prefix}consent_review_on__isnull": True})
        | Q(**{f"{prefix}consent_review_on__gte": today})
    )


def consent_review_soon(contact: Contact, *, today: date | None = None) -> bool:
    """Given consent whose review date falls within the next 30 days."""
    today = today or timezone.localdate()
    return (
        contact.consent == Consent.GIVEN
        and contact.consent_review_on is not None
        and today <= contact.consent_review_on <= today + timedelta(days=REVIEW_SOON_DAYS)
    )

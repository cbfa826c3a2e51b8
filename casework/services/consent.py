"""The partner's consent review setting: how many months given consent lasts."""

from django.core.exceptions import ValidationError
from django.db import transaction

from casework import policy
from casework.consent import REVIEW_MONTHS_MAX, casework_settings_create
from casework.models import CaseworkSettings
from tenants.accounts.services.audit import audit_record


def consent_review_months_set(*, actor, months) -> CaseworkSettings:
    """Change the default for consent given from now on (review dates already set stay
    as they are until consent is recorded again). Audited with before and after."""
    policy.check_keep_consent_settings(actor)
    if not isinstance(months, int) or not 1 <= months <= REVIEW_MONTHS_MAX:
        raise ValidationError(
            {"consent_review_months": f"Enter a number of months from 1 to {REVIEW_MONTHS_MAX}."}
        )
    with transaction.atomic():
        row = CaseworkSettings.objects.select_for_update().first()
        if row is None:
            casework_settings_create()
            row = CaseworkSettings.objects.select_for_update().first()
        before = row.consent_review_months
        row.consent_review_months = months
        row.save(update_fields=["consent_review_months"])
        audit_record(
            actor=actor,
            action="consent.review_months",
            before={"consent_review_months": before},
            after={"consent_review_months": months},
        )
    return row

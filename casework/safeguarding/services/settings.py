"""The partner's safeguarding settings: when overdue cases escalate."""

from django.core.exceptions import ValidationError
from django.db import transaction

from casework.safeguarding import policy
from casework.safeguarding.models import SafeguardingSettings
from tenants.accounts.services.audit import audit_record

MAX_ESCALATION_DAYS = 60


def safeguarding_settings_update(*, actor, escalation_days: int) -> SafeguardingSettings:
    policy.check_change_settings(actor)
    if escalation_days is None or not 1 <= escalation_days <= MAX_ESCALATION_DAYS:
        raise ValidationError(
            {"escalation_days": f"Enter a number of days from 1 to {MAX_ESCALATION_DAYS}."}
        )
    with transaction.atomic():
        settings, _ = SafeguardingSettings.objects.select_for_update().get_or_create(pk=1)
        before = settings.escalation_days
        settings.escalation_days = escalation_days
        settings.save(update_fields=["escalation_days"])
        audit_record(
            actor=actor,
            action="safeguarding.settings",
            before={"escalation_days": before},
            after={"escalation_days": escalation_days},
        )
    return settings

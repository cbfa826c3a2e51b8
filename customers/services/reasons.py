"""The list of reasons a customer may give for not being interested: adding one (or
bringing a retired one back) and retiring one. Each function checks the policy and writes
an audit entry."""

from django.core.exceptions import ValidationError
from django.db import transaction

from customers import policy
from customers.models import NotInterestedReason
from tenants.accounts.services.audit import audit_record


def reason_add(*, actor, name: str) -> NotInterestedReason:
    policy.check_keep_reasons(actor)
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter the reason."})
    if len(name) > 120:
        raise ValidationError({"name": "Keep the reason to 120 characters or fewer."})
    with transaction.atomic():
        existing = NotInterestedReason.objects.select_for_update().filter(name__iexact=name).first()
        if existing and existing.is_active:
            raise ValidationError({"name": f"“{existing.name}” is already on the list."})
        if existing:  # a retired reason comes back rather than a near-duplicate
            existing.is_active = True
            existing.save(update_fields=["is_active"])
            reason = existing
        else:
            reason = NotInterestedReason.objects.create(name=name)
        audit_record(actor=actor, action="customer.reason_add", detail=reason.name)
    return reason


def reason_retire(*, actor, reason: NotInterestedReason) -> NotInterestedReason:
    """Taken off the list for new answers; past answers keep it."""
    policy.check_keep_reasons(actor)
    with transaction.atomic():
        reason = NotInterestedReason.objects.select_for_update().get(pk=reason.pk)
        reason.is_active = False
        reason.save(update_fields=["is_active"])
        audit_record(actor=actor, action="customer.reason_retire", detail=reason.name)
    return reason

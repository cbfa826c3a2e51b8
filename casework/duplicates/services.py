"""A manager's decision on a likely duplicate pair."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from casework.duplicates import policy
from casework.duplicates.models import NotDuplicate
from casework.models import Contact


def not_duplicate_record(*, actor, first: Contact, second: Contact, reason: str) -> NotDuplicate:
    """Two contacts are different people: the pair is not offered again (kept, with why
    and who decided)."""
    policy.check_review_duplicates(actor)
    reason = (reason or "").strip()  # its length and characters: tenants.input_rules
    if not reason:
        raise ValidationError({"reason": "Say how you know they are different people."})
    if first.pk == second.pk:
        raise ValidationError({"reason": "A contact cannot be a duplicate of themselves."})
    low, high = sorted((first, second), key=lambda contact: contact.pk)
    try:
        with transaction.atomic():
            return NotDuplicate.objects.create(
                first=low, second=high, reason=reason, decided_by=actor
            )
    except IntegrityError:
        raise ValidationError(
            {"reason": "Someone has already recorded that these are different people."}
        ) from None

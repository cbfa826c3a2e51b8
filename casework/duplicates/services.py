"""A manager's decision on a likely duplicate pair, for any kind of record
(casework.duplicates.kinds: contacts by default), and the contacts' "Find duplicates"
button."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from casework.duplicates import nightly, policy
from casework.duplicates.contacts import CONTACTS
from casework.duplicates.kinds import RecordKind
from casework.policy import CaseworkRefused


def not_duplicate_record(*, actor, first, second, reason: str, kind: RecordKind = CONTACTS):
    """Two records are different people: the pair is not offered again (kept, with why
    and who decided)."""
    if not kind.may_review(actor):
        raise CaseworkRefused(kind.review_refused)
    reason = (reason or "").strip()  # its length and characters: tenants.input_rules
    if not reason:
        raise ValidationError({"reason": "Say how you know they are different people."})
    if first.pk == second.pk:
        raise ValidationError({"reason": f"A {kind.noun} cannot be a duplicate of themselves."})
    low, high = sorted((first, second), key=lambda record: record.pk)
    try:
        with transaction.atomic():
            return kind.not_duplicate_model.objects.create(
                first=low, second=high, reason=reason, decided_by=actor
            )
    except IntegrityError:
        raise ValidationError(
            {"reason": "Someone has already recorded that these are different people."}
        ) from None


def contact_duplicates_find(*, actor) -> dict:
    """The "Find duplicates" button: the nightly search, now ({pairs, new, told})."""
    policy.check_review_duplicates(actor)
    return nightly.duplicates_find(CONTACTS)

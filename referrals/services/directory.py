"""The partner directory (public schema): which referral types a partner takes, where,
and how fast. Kept by the partner's managers or platform managers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django_tenants.utils import get_public_schema_name, schema_context

from referrals.types import REFERRAL_TYPES
from tenants import policy
from tenants.accounts.services.audit import audit_record
from tenants.models import DirectoryEntry, Partner, Region
from tenants.services.reference import district_normalise, region_for


def directory_entry_update(
    *,
    actor,
    partner: Partner,
    referral_types: list[str],
    regions: list[str],
    districts: list[str],
    accepting: bool,
    response_hours: int,
    reason: str = "",
) -> DirectoryEntry:
    """A partner keeps its own entry (managing roles); platform managers keep anyone's.
    Each change is in the audit history of whoever made it (the partner's, or the
    platform's), before and after, with the reason given."""
    policy.check_keep_directory_entry(actor, partner)
    errors = {}
    unknown = [t for t in referral_types if t not in REFERRAL_TYPES]
    if unknown:
        errors["referral_types"] = f"Unknown referral types: {', '.join(unknown)}."
    if [r for r in regions if r not in Region.values]:
        errors["regions"] = "Choose regions from the list."
    cleaned = []
    for district in districts:
        try:
            cleaned.append(district_normalise(district))
        except ValidationError:
            errors["districts"] = f"“{district}” is not a postcode district (like SW1A or M1)."
        else:
            if region_for(cleaned[-1]) is None:
                errors["districts"] = (
                    f"“{cleaned[-1]}” is not in a known UK postcode area: check it, or ask "
                    "platform staff to add the area."
                )
    if response_hours is None or not 1 <= response_hours <= 24 * 30:
        errors["response_hours"] = "Enter a response time between 1 and 720 hours."
    if errors:
        raise ValidationError(errors)
    if len((reason or "").strip()) > 500:
        raise ValidationError({"reason": "Keep the reason to 500 characters or fewer."})
    with transaction.atomic():
        with schema_context(get_public_schema_name()):
            entry, _ = DirectoryEntry.objects.select_for_update().get_or_create(partner=partner)
            before = _entry_facts(entry)
            entry.referral_types = sorted(set(referral_types))
            entry.regions = sorted(set(regions))
            entry.districts = sorted(set(cleaned))
            entry.accepting = accepting
            entry.response_hours = response_hours
            entry.save()
            after = _entry_facts(entry)
        if before != after:
            audit_record(
                actor=actor,
                actor_is_platform=policy.is_platform_user(actor),
                action="directory.entry_changed",
                before=before,
                after=after,
                detail=f"{partner.name}: {(reason or '').strip()}"[:300].rstrip(": "),
            )
    return entry


def _entry_facts(entry: DirectoryEntry) -> dict:
    return {
        "referral_types": list(entry.referral_types),
        "regions": list(entry.regions),
        "districts": list(entry.districts),
        "accepting": entry.accepting,
        "response_hours": entry.response_hours,
    }

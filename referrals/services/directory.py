"""The partner directory (public schema): which referral types a partner takes, where,
and how fast. Kept by the partner's managers or platform managers."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django_tenants.utils import get_public_schema_name, schema_context

from referrals.types import REFERRAL_TYPES
from tenants import policy
from tenants.models import DirectoryEntry, Partner, Region
from tenants.services.reference import district_normalise


def directory_entry_update(
    *,
    actor,
    partner: Partner,
    referral_types: list[str],
    regions: list[str],
    districts: list[str],
    accepting: bool,
    response_hours: int,
) -> DirectoryEntry:
    """A partner keeps its own entry (managing roles); platform managers keep anyone's."""
    own = connection.schema_name == partner.schema_name
    if not (
        (own and actor.has_perm("accounts.manage_roles")) or policy.can_keep_reference_data(actor)
    ):
        raise PermissionDenied("Only the partner's managers keep its directory entry.")
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
    if response_hours is None or not 1 <= response_hours <= 24 * 30:
        errors["response_hours"] = "Enter a response time between 1 and 720 hours."
    if errors:
        raise ValidationError(errors)
    with schema_context(get_public_schema_name()), transaction.atomic():
        entry, _ = DirectoryEntry.objects.select_for_update().get_or_create(partner=partner)
        entry.referral_types = sorted(set(referral_types))
        entry.regions = sorted(set(regions))
        entry.districts = sorted(set(cleaned))
        entry.accepting = accepting
        entry.response_hours = response_hours
        entry.save()
    return entry

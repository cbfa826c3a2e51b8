"""Reads of the partner directory (public schema, kept in tenants): which partners take
a referral of a type for a district or region. Routing is the exchange's, so it lives here."""

from django.db.models import Q, QuerySet
from django_tenants.utils import get_public_schema_name, schema_context

from tenants.models import DirectoryEntry, Partner


def directory_matches(*, referral_type: str, region: str, district: str = "", exclude=None):
    """Partners accepting this referral type now, covering the district or its region,
    district matches first. Excludes the sender, and training copies: their people are
    made up, so real referrals must never reach them."""
    with schema_context(get_public_schema_name()):
        cover = Q(regions__contains=[region]) if region else Q(pk__in=[])
        if district:
            cover |= Q(districts__contains=[district])
        entries = (
            DirectoryEntry.objects.filter(
                referral_types__contains=[referral_type],
                accepting=True,
                partner__is_active=True,
                partner__training_of__isnull=True,
            )
            .filter(cover)
            .select_related("partner")
        )
        if exclude is not None:
            entries = entries.exclude(partner=exclude)
        entries = list(entries)
    entries.sort(key=lambda e: (district not in e.districts, e.partner.name))
    return entries


def directory_entry_for(partner: Partner) -> DirectoryEntry | None:
    with schema_context(get_public_schema_name()):
        return DirectoryEntry.objects.filter(partner=partner).first()


def directory_entries_all():
    with schema_context(get_public_schema_name()):
        return list(
            DirectoryEntry.objects.select_related("partner")
            .prefetch_related("locations")
            .order_by("partner__name")
        )


def partners_listed() -> QuerySet[Partner]:
    """Every partner organisation (not the public schema): the console keeps any one's entry."""
    return Partner.objects.exclude(schema_name=get_public_schema_name())


def partners_without_entry() -> QuerySet[Partner]:
    """Active live partners the directory does not list yet: no referral reaches them."""
    return (
        partners_listed()
        .filter(directory__isnull=True, is_active=True, training_of__isnull=True)
        .order_by("name")
    )

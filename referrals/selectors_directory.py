"""Reads of the partner directory (public schema, kept in tenants): which partners take
a referral of a type for a district or region. Routing is the exchange's, so it lives here."""

from django.db.models import Q, QuerySet
from django_tenants.utils import get_public_schema_name, schema_context

from referrals.agreements.selectors import partners_agreed
from tenants.models import DirectoryEntry, Partner


def directory_matches(
    *, referral_type: str, region: str, district: str = "", exclude=None, sender=None
):
    """Partners' services accepting this referral type now (closed ones are never
    offered; a waiting list still is), covering the district or its region, district
    matches first, one service per partner (its best match). Excludes `exclude`,
    external services (no Casebridge partner to receive a referral), and training
    copies: their people are made up, so real referrals must never reach them.

    With `sender`: what that partner may send to, so it is left out too and only the
    partners it has a data-sharing agreement in force with for this type are offered
    (every partner under a platform-wide one: referrals.agreements.selectors)."""
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
        if sender is not None:
            entries = entries.exclude(partner=sender)
            agreed = partners_agreed(sender=sender, referral_type=referral_type)
            if agreed is not None:
                entries = entries.filter(partner_id__in=agreed)
        entries = list(entries)
    entries.sort(key=lambda e: (district not in e.districts, e.partner.name, e.pk))
    seen, best = set(), []
    for entry in entries:
        if entry.partner_id not in seen:
            seen.add(entry.partner_id)
            best.append(entry)
    return best


def partners_to_suggest(*, referral, receiver: Partner) -> list[Partner]:
    """Who a receiver declining a referral may suggest instead: the partners the directory
    would offer its sender for the same type and area (so, by the same rule, only those
    the sender has a data-sharing agreement in force with), never the receiver itself."""
    person = (referral.payload or {}).get("person", {})
    sender = Partner.objects.filter(pk=referral.other_partner_id).first()
    if sender is None:
        return []
    return [
        entry.partner
        for entry in directory_matches(
            referral_type=referral.referral_type,
            region=person.get("region", ""),
            district=person.get("postcode_district", ""),
            exclude=receiver,
            sender=sender,
        )
    ]


def may_be_suggested(*, referral, partner: Partner) -> bool:
    """The rule the decline service holds a suggestion to (the page offers fewer: those
    covering the person's area too): the sender has an agreement in force with that
    partner for the referral's type, as the directory and the sending service require."""
    sender = Partner.objects.filter(pk=referral.other_partner_id).first()
    if sender is None or partner.pk == sender.pk:
        return False
    agreed = partners_agreed(sender=sender, referral_type=referral.referral_type)
    return agreed is None or partner.pk in agreed


def directory_entry_for(partner: Partner, public_id=None) -> DirectoryEntry | None:
    """One of the partner's services: the one with this published id, or its first."""
    with schema_context(get_public_schema_name()):
        entries = DirectoryEntry.objects.filter(partner=partner).order_by("pk")
        if public_id is not None:
            entries = entries.filter(public_id=public_id)
        return entries.first()


def directory_entries_of(partner: Partner) -> list[DirectoryEntry]:
    """The partner's services, first kept first."""
    with schema_context(get_public_schema_name()):
        return list(DirectoryEntry.objects.filter(partner=partner).order_by("pk"))


def external_services(*, text: str = "") -> list[DirectoryEntry]:
    """Services imported from other organisations' feeds and not yet linked to a
    partner, for signposting by their own email and phone; `text` narrows by words in
    the service's or organisation's name or description."""
    with schema_context(get_public_schema_name()):
        entries = DirectoryEntry.objects.filter(partner__isnull=True).exclude(
            status__in=["inactive", "defunct"]
        )
        for word in text.split()[:5]:
            entries = entries.filter(
                Q(name__icontains=word)
                | Q(organisation_name__icontains=word)
                | Q(description__icontains=word)
            )
        return list(entries.prefetch_related("locations").order_by("name", "pk")[:200])


def external_services_for_area(*, district: str, region: str) -> list[DirectoryEntry]:
    """External services covering the person's district or region, district matches
    first; those with no stated area (they cover wherever they say) after them."""
    with schema_context(get_public_schema_name()):
        cover = Q(districts=[], regions=[])
        if district:
            cover |= Q(districts__contains=[district])
        if region:
            cover |= Q(regions__contains=[region])
        entries = list(
            DirectoryEntry.objects.filter(partner__isnull=True, status="active")
            .filter(cover)
            .order_by("name", "pk")[:200]
        )
    entries.sort(key=lambda e: (district not in e.districts, not e.regions, e.name))
    return entries


def external_service_get(*, public_id) -> DirectoryEntry | None:
    with schema_context(get_public_schema_name()):
        return DirectoryEntry.objects.filter(partner__isnull=True, public_id=public_id).first()


def directory_entries_all():
    """Every partner's services (external services are listed apart)."""
    with schema_context(get_public_schema_name()):
        return list(
            DirectoryEntry.objects.filter(partner__isnull=False)
            .select_related("partner")
            .prefetch_related("locations")
            .order_by("partner__name", "pk")
        )


def partners_listed() -> QuerySet[Partner]:
    """Every partner organisation (not the public schema): the console keeps any one's entry."""
    return Partner.objects.exclude(schema_name=get_public_schema_name())


def partners_without_entry() -> QuerySet[Partner]:
    """Active live partners the directory does not list yet: no referral reaches them."""
    return (
        partners_listed()
        .filter(directory_entries__isnull=True, is_active=True, training_of__isnull=True)
        .order_by("name")
    )

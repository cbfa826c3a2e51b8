"""Reads of casework, always filtered in SQL to what the user may see, before paging."""

from django.contrib.postgres.search import TrigramSimilarity
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import CharField, Exists, FloatField, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast
from guardian.models import UserObjectPermission

from casework import policy
from casework.models import (
    Consultation,
    Contact,
    Engagement,
    Household,
    Programme,
    Relationship,
    Service,
    ServiceDelivery,
)
from casework.services.contacts import phone_key
from casework.services.households import normalise_postcode

NAME_SIMILARITY = 0.3  # per word, to explain a match
FULL_NAME_THRESHOLD = 0.45  # whole "first last", to find one


def contacts_visible_to(*, user) -> QuerySet[Contact]:
    if not policy.can_record_casework(user):
        return Contact.objects.none()
    return Contact.objects.select_related("household")


def contact_get(*, user, public_id) -> Contact | None:
    try:
        return contacts_visible_to(user=user).filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def household_get(*, user, public_id) -> Household | None:
    if not policy.can_record_casework(user):
        return None
    try:
        return Household.objects.filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def engagements_visible_to(*, user) -> QuerySet[Engagement]:
    engagements = Engagement.objects.select_related("contact", "programme", "owner")
    if not user.is_authenticated or not user.is_active:
        return engagements.none()
    if policy.can_see_all_engagements(user):
        return engagements
    shared = UserObjectPermission.objects.filter(
        user=user,
        permission__codename="view_shared_engagement",
        content_type__app_label="casework",
        object_pk=OuterRef("pk_text"),
    )
    return engagements.annotate(pk_text=Cast("pk", CharField())).filter(
        Q(owner=user) | Exists(shared)
    )


def engagement_get(*, user, public_id) -> Engagement | None:
    try:
        return engagements_visible_to(user=user).filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def engagement_shared_with(*, engagement: Engagement):
    """Colleagues an engagement is shared with (for its owner or a manager to review)."""
    from guardian.shortcuts import get_users_with_perms

    return get_users_with_perms(
        engagement, only_with_perms_in=["view_shared_engagement"], with_group_users=False
    ).order_by("full_name")


def deliveries_visible_to(*, user) -> QuerySet[ServiceDelivery]:
    return ServiceDelivery.objects.filter(
        engagement__in=engagements_visible_to(user=user).values("pk")
    ).select_related("service", "engagement__contact")


def consultations_visible_to(*, user) -> QuerySet[Consultation]:
    return Consultation.objects.filter(
        engagement__in=engagements_visible_to(user=user).values("pk")
    )


def households_visible_to(*, user) -> QuerySet[Household]:
    """Households, like contacts, are visible to all staff who record casework."""
    if not policy.can_record_casework(user):
        return Household.objects.none()
    return Household.objects.all()


def relationships_visible_to(*, user) -> QuerySet[Relationship]:
    if not policy.can_record_casework(user):
        return Relationship.objects.none()
    return Relationship.objects.all()


def programmes_visible_to(*, user) -> QuerySet[Programme]:
    """The catalogue: everyone who records casework picks from it."""
    if not policy.can_record_casework(user):
        return Programme.objects.none()
    return Programme.objects.all()


def services_visible_to(*, user) -> QuerySet[Service]:
    if not policy.can_record_casework(user):
        return Service.objects.none()
    return Service.objects.all()


def contact_matches(
    *, user, first_name="", last_name="", date_of_birth=None, postcode="", phone="", limit=10
) -> list[tuple[Contact, list[str]]]:
    """Find before create: likely matches and what matched, best first. Names are
    typo-tolerant and order-free (pg_trgm over "first last"); date of birth,
    postcode and phone digits match exactly."""
    contacts = contacts_visible_to(user=user)
    first_name, last_name = first_name.strip(), last_name.strip()
    full_name = f"{first_name} {last_name}".strip()
    postcode = normalise_postcode(postcode) if postcode else ""
    digits = phone_key(phone)
    exact = Q()
    if date_of_birth:
        exact |= Q(date_of_birth=date_of_birth)
    if postcode:
        exact |= Q(household__postcode=postcode)
    if len(digits) >= 6:
        exact |= Q(phone_digits=digits)
    if not full_name and not exact:
        return []
    score = (
        TrigramSimilarity("search_name", full_name)
        if full_name
        else Value(0.0, output_field=FloatField())
    )
    candidates: dict[int, Contact] = {}
    if full_name:
        # Similar names (GIN trigram index), then people matching an exact detail.
        nearest = (
            contacts.filter(search_name__trigram_similar=full_name)
            .annotate(score=score)
            .order_by("-score")[: limit * 3]
        )
        with transaction.atomic(), connection.cursor() as cursor:
            # A whole name with a typo or two still scores well above this; pg_trgm's
            # default (0.3) would also offer many strangers who share a syllable.
            cursor.execute("SET LOCAL pg_trgm.similarity_threshold = %s", [FULL_NAME_THRESHOLD])
            candidates.update((c.pk, c) for c in nearest)
    if exact:
        candidates.update(
            (c.pk, c) for c in contacts.filter(exact).annotate(score=score)[: limit * 3]
        )
    candidates = candidates.values()
    results = []
    for contact in candidates:
        reasons = []
        if first_name and _similar(first_name, contact.first_name):
            reasons.append("first name")
        if last_name and _similar(last_name, contact.last_name):
            reasons.append("last name")
        if (
            first_name
            and last_name
            and _similar(first_name, contact.last_name)
            and _similar(last_name, contact.first_name)
        ):
            reasons.append("names swapped")
        if full_name and not reasons and contact.score >= NAME_SIMILARITY:
            reasons.append("similar name")
        if date_of_birth and contact.date_of_birth == date_of_birth:
            reasons.append("date of birth")
        if postcode and contact.household.postcode == postcode:
            reasons.append("postcode")
        if len(digits) >= 6 and contact.phone_digits == digits:
            reasons.append("phone")
        if reasons:
            results.append((contact, reasons))
    results.sort(key=lambda item: (-len(item[1]), -item[0].score))
    return results[:limit]


def _trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: lower-cased, padded with two spaces before, one after."""
    padded = f"  {word.lower()} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _similar(a: str, b: str) -> bool:
    """The same measure as pg_trgm's similarity(), for explaining a match."""
    ta, tb = _trigrams(a), _trigrams(b)
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= NAME_SIMILARITY


def services_matching(*, code: str = "", limit: int = 20) -> QuerySet[Service]:
    """Service lookup by typing the start of its code or name ("RF: St…")."""
    services = Service.objects.filter(is_active=True, programme__is_active=True).select_related(
        "programme"
    )
    if code.strip():
        services = services.filter(name__istartswith=code.strip())
    return services[:limit]


def search_everything(*, user, query: str, limit: int = 20) -> dict:
    """The header's search: contacts and engagements the user may see (safeguarding
    cases join when they land). Client ID exact, names typo-tolerant or partial."""
    query = query.strip()
    if len(query) < 2:
        return {"contacts": [], "engagements": []}
    name_match = (
        Q(client_id__iexact=query)
        | Q(search_name__icontains=query)
        | Q(search_name__trigram_similar=query)
    )
    contacts = list(
        contacts_visible_to(user=user)
        .filter(name_match)
        .order_by("last_name", "first_name")[:limit]
    )
    engagements = list(
        engagements_visible_to(user=user)
        .filter(
            Q(contact__client_id__iexact=query)
            | Q(contact__search_name__icontains=query)
            | Q(contact__search_name__trigram_similar=query)
            | Q(programme__name__icontains=query)
        )
        .order_by("-start_date")[:limit]
    )
    return {"contacts": contacts, "engagements": engagements}

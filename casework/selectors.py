"""Reads of casework, always filtered in SQL to what the user may see, before paging."""

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import CharField, Exists, F, FloatField, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, Greatest
from guardian.models import UserObjectPermission

from casework import policy
from casework.models import Contact, Engagement, Household, Service, ServiceDelivery
from casework.services.contacts import phone_key
from casework.services.households import normalise_postcode

NAME_SIMILARITY = 0.3


def contacts_visible_to(*, user) -> QuerySet[Contact]:
    if not policy.can_record_casework(user):
        return Contact.objects.none()
    return Contact.objects.select_related("household")


def contact_get(*, user, public_id) -> Contact | None:
    try:
        return contacts_visible_to(user=user).filter(public_id=public_id).first()
    except (ValueError, TypeError):
        return None


def household_get(*, user, public_id) -> Household | None:
    if not policy.can_record_casework(user):
        return None
    try:
        return Household.objects.filter(public_id=public_id).first()
    except (ValueError, TypeError):
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
    except (ValueError, TypeError):
        return None


def deliveries_visible_to(*, user) -> QuerySet[ServiceDelivery]:
    return ServiceDelivery.objects.filter(
        engagement__in=engagements_visible_to(user=user).values("pk")
    ).select_related("service", "engagement__contact")


def contact_matches(
    *, user, first_name="", last_name="", date_of_birth=None, postcode="", phone="", limit=10
) -> list[tuple[Contact, list[str]]]:
    """Find before create: likely matches and what matched, best first. Names are
    typo-tolerant (pg_trgm; swapped first and last names too); date of birth,
    postcode and phone digits match exactly."""
    contacts = contacts_visible_to(user=user)
    first_name, last_name = first_name.strip(), last_name.strip()
    postcode = normalise_postcode(postcode) if postcode else ""
    digits = phone_key(phone)
    conditions = Q()
    for name in filter(None, (first_name, last_name)):
        conditions |= Q(first_name__trigram_similar=name) | Q(last_name__trigram_similar=name)
    if date_of_birth:
        conditions |= Q(date_of_birth=date_of_birth)
    if postcode:
        conditions |= Q(household__postcode=postcode)
    if len(digits) >= 6:
        conditions |= Q(phone_digits=digits)
    if not conditions:
        return []
    zero = Value(0.0, output_field=FloatField())
    candidates = (
        contacts.filter(conditions)
        .annotate(
            first_sim=TrigramSimilarity("first_name", first_name) if first_name else zero,
            last_sim=TrigramSimilarity("last_name", last_name) if last_name else zero,
            swap_first=TrigramSimilarity("first_name", last_name) if last_name else zero,
            swap_last=TrigramSimilarity("last_name", first_name) if first_name else zero,
        )
        .annotate(score=Greatest(F("first_sim") + F("last_sim"), F("swap_first") + F("swap_last")))
        .order_by("-score")[: limit * 3]
    )
    results = []
    for contact in candidates:
        reasons = []
        if contact.first_sim >= NAME_SIMILARITY:
            reasons.append("first name")
        if contact.last_sim >= NAME_SIMILARITY:
            reasons.append("last name")
        if contact.swap_first >= NAME_SIMILARITY and contact.swap_last >= NAME_SIMILARITY:
            reasons.append("names swapped")
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


def services_matching(*, code: str = "", limit: int = 20) -> QuerySet[Service]:
    """Service lookup by typing the start of its code or name ("RF: St…")."""
    services = Service.objects.filter(is_active=True, programme__is_active=True).select_related(
        "programme"
    )
    if code.strip():
        services = services.filter(name__istartswith=code.strip())
    return services[:limit]

"""Reads of casework, always filtered in SQL to what the user may see, before paging."""

import uuid

from django.contrib.postgres.search import TrigramSimilarity
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import CharField, Exists, FloatField, OuterRef, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from guardian.models import UserObjectPermission

from casework import policy
from casework.history import events_page, history_of
from casework.models import (
    ENDED_STAGES,
    Consultation,
    ConsultationEvent,
    Contact,
    ContactEvent,
    Engagement,
    EngagementEvent,
    Household,
    HouseholdEvent,
    Programme,
    Relationship,
    RelationshipEvent,
    Service,
    ServiceDelivery,
    ServiceDeliveryEvent,
)
from casework.name_matching import near_names_sql
from casework.services.contacts import phone_key
from casework.services.households import normalise_postcode

NAME_SIMILARITY = 0.3  # per word, to explain a match
FULL_NAME_THRESHOLD = 0.45  # whole "first last", to find one
# Each typed name, against its best-matching part of a contact's name: one typo in a
# short name still leaves a third of its trigrams (measured with bench/duplicates).
WORD_THRESHOLD = 0.3


def contacts_visible_to(*, user) -> QuerySet[Contact]:
    if not policy.can_record_casework(user):
        return Contact.objects.none()
    return Contact.objects.filter(removed_at__isnull=True).select_related("household")


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
    """policy.can_see_engagement's rule in SQL (a test proves the two agree)."""
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


def consultation_people_offered(*, user, engagement: Engagement, query: str = "") -> list:
    """Who a consultation may be recorded as held with: the child's household, then
    contacts matching what was typed (name or client ID)."""
    contacts = contacts_visible_to(user=user)
    people = list(
        contacts.filter(household_id=engagement.contact.household_id)
        .exclude(pk=engagement.contact_id)
        .order_by("joined_household_at", "id")
    )
    query = query.strip()[:100]
    if len(query) >= 2:
        found = (
            contacts.filter(
                Q(client_id__iexact=query)
                | Q(search_name__icontains=query)
                | Q(search_name__trigram_similar=query)
            )
            .exclude(pk__in=[engagement.contact_id, *(p.pk for p in people)])
            .order_by("last_name", "first_name")[:20]
        )
        people += list(found)
    return people


def consultations_with(*, user, contact: Contact) -> QuerySet:
    """Consultations a contact took part in, of engagements the user may see."""
    return (
        Consultation.objects.filter(
            removed_at__isnull=True,
            participants__contact=contact,
            engagement__in=engagements_visible_to(user=user).values("pk"),
        )
        .select_related("engagement__programme", "engagement__contact")
        .order_by("-date", "-id")
    )


def group_session_engagements(*, user, query: str = "", keep=(), limit: int = 500):
    """(offered, kept): open engagements to offer on the group session screen, those
    whose client matches what was typed (name or client ID), else the first `limit` by
    name; and the ones already chosen in the rows, so nothing entered is lost. Anyone can be reached
    by typing, however many open engagements there are."""
    open_ones = (
        engagements_visible_to(user=user)
        .exclude(stage__in=ENDED_STAGES)
        .order_by("contact__last_name", "contact__first_name", "-start_date")
    )
    query = query.strip()[:100]
    if query:
        offered = open_ones.filter(
            Q(contact__client_id__iexact=query)
            | Q(contact__search_name__icontains=query)
            | Q(contact__search_name__trigram_similar=query)
        )
    else:
        offered = open_ones
    offered = list(offered[:limit])
    seen = {e.pk for e in offered}
    keep = [k for k in keep if _is_uuid(k)]
    kept = [e for e in open_ones.filter(public_id__in=keep) if e.pk not in seen] if keep else []
    return offered, kept


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def deliveries_visible_to(*, user) -> QuerySet[ServiceDelivery]:
    return ServiceDelivery.objects.filter(
        removed_at__isnull=True, engagement__in=engagements_visible_to(user=user).values("pk")
    ).select_related("service", "engagement__contact")


def consultations_visible_to(*, user) -> QuerySet[Consultation]:
    return Consultation.objects.filter(
        removed_at__isnull=True, engagement__in=engagements_visible_to(user=user).values("pk")
    )


def households_visible_to(*, user) -> QuerySet[Household]:
    """Households, like contacts, are visible to all staff who record casework."""
    if not policy.can_record_casework(user):
        return Household.objects.none()
    return Household.objects.all()


def relationships_visible_to(*, user) -> QuerySet[Relationship]:
    if not policy.can_record_casework(user):
        return Relationship.objects.none()
    return Relationship.objects.filter(
        contact__removed_at__isnull=True, other__removed_at__isnull=True
    )


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
        candidates.update(
            (c.pk, c)
            for c in _similar_names(contacts, first_name, last_name, limit * 3, bool(exact))
        )
    if exact:
        # Best names first, so the person is kept even when many share a birthday.
        candidates.update(
            (c.pk, c)
            for c in contacts.filter(exact).annotate(score=score).order_by("-score")[: limit * 3]
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


def _similar_names(
    contacts, first_name: str, last_name: str, count: int, other_details: bool
) -> list[Contact]:
    """Contacts whose "first last" is like the one typed (typos, swapped names), best first.

    With both names typed, first the names one slip away (casework.name_matching: exact
    index probes, fast at any size). Only when none is, the trigram index: each word
    must be partly present somewhere in the name (pg_trgm word similarity, order-free)
    and the whole name must score FULL_NAME_THRESHOLD; that reads the posting lists of
    common trigrams, slow on a large register, so it is skipped when a date of birth,
    postcode or phone can find the person instead. With one name typed, the whole-name
    similarity alone."""
    full_name = f"{first_name} {last_name}".strip()
    score = TrigramSimilarity("search_name", full_name)
    whole = contacts.filter(search_name__trigram_similar=full_name)
    near = near_names_sql(first_name, last_name, count)
    if near is None:
        return _nearest(whole, score, count, "pg_trgm.similarity_threshold", FULL_NAME_THRESHOLD)
    near_ids = RawSQL(*near)  # noqa: S611 (constant SQL, the typed names are parameters)
    found = list(contacts.filter(pk__in=near_ids).annotate(score=score).order_by("-score")[:count])
    if found or other_details:
        return found
    both = contacts.filter(search_name__trigram_word_similar=first_name).filter(
        search_name__trigram_word_similar=last_name
    )
    found = _nearest(both, score, count, "pg_trgm.word_similarity_threshold", WORD_THRESHOLD)
    if not found:
        # A short name with a typo may have lost most of its trigrams: the whole name
        # alone (slower still: a common first name floods it).
        found = _nearest(whole, score, count, "pg_trgm.similarity_threshold", FULL_NAME_THRESHOLD)
    return found


def _nearest(similar, score, count, setting, threshold) -> list[Contact]:
    nearest = (
        similar.annotate(score=score).filter(score__gte=FULL_NAME_THRESHOLD).order_by("-score")
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # pg_trgm's defaults would offer many strangers who share a syllable.
        cursor.execute(f"SET LOCAL {setting} = %s", [threshold])
        return list(nearest[:count])


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


# --- change history (casework.history): the same visibility as the record itself ------


def contact_history(*, user, public_id, page=1):
    """(contact, a page of history) or None. The contact's own changes and the
    relationships recorded from their side; their engagements' history stays on the
    engagements, which not everyone may see."""
    contact = contact_get(user=user, public_id=public_id)
    if contact is None:
        return None
    events = history_of(ContactEvent, RelationshipEvent, references=contact).filter(
        Q(pgh_model="casework.ContactEvent", pgh_obj_id=str(contact.pk))
        | Q(pgh_model="casework.RelationshipEvent", pgh_data__contact_id=contact.pk)
    )
    return contact, events_page(events, number=page)


def household_history(*, user, public_id, page=1):
    """(household, a page of history) or None: address changes, renames and members."""
    household = household_get(user=user, public_id=public_id)
    if household is None:
        return None
    # Its own changes, and members joining, leaving or removed as entered in error.
    events = history_of(HouseholdEvent, ContactEvent, references=household).filter(
        Q(pgh_model="casework.HouseholdEvent")
        | Q(pgh_label="insert")
        | Q(pgh_diff__has_any_keys=["household_id", "removed_at"])
    )
    return household, events_page(events, number=page, name_contacts=True)


def engagement_history(*, user, public_id, page=1):
    """(engagement, a page of history) or None: the engagement's changes with its
    deliveries' and consultations', for those who may see the engagement."""
    engagement = engagement_get(user=user, public_id=public_id)
    if engagement is None:
        return None
    events = history_of(
        EngagementEvent, ServiceDeliveryEvent, ConsultationEvent, references=engagement
    )
    return engagement, events_page(events, number=page, hide=("contact",))

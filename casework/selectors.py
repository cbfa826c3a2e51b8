"""Reads of casework, always filtered in SQL to what the user may see, before paging."""

import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import CharField, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Cast
from guardian.models import UserObjectPermission

from casework import policy
from casework.consent import REVIEW_SOON_DAYS
from casework.models import (
    ENDED_STAGES,
    Consent,
    Consultation,
    ConsultationParticipant,
    Contact,
    Engagement,
    Household,
    Programme,
    Relationship,
    Service,
    ServiceDelivery,
)
from casework.people_search import CONTACTS, people_matching, read_query, typed_fields


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
    seen = Q(owner=user) | Exists(shared)
    for rule in policy.engagement_access_rules:
        seen |= rule.condition(user)
    return engagements.annotate(pk_text=Cast("pk", CharField())).filter(seen)


def engagement_get(*, user, public_id) -> Engagement | None:
    try:
        return engagements_visible_to(user=user).filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def engagements_by_status(*, user, status: str) -> QuerySet[Engagement]:
    """The engagement list's tabs: "open", "closed" (closed or withdrawn), else all."""
    engagements = engagements_visible_to(user=user)
    if status == "open":
        return engagements.exclude(stage__in=ENDED_STAGES)
    if status == "closed":
        return engagements.filter(stage__in=ENDED_STAGES)
    return engagements


def engagements_of(*, user, contact: Contact) -> QuerySet[Engagement]:
    """A contact's engagements that the user may see."""
    return engagements_visible_to(user=user).filter(contact=contact)


def engagement_deliveries(*, engagement: Engagement) -> QuerySet[ServiceDelivery]:
    """An engagement's deliveries; removed ones (entered in error) are on History only."""
    return engagement.deliveries.filter(removed_at__isnull=True).select_related(
        "service", "recorded_by", "group_session"
    )


def engagement_events_recent(*, engagement: Engagement, limit: int = 50):
    """The engagement's latest events (newest first) with who did them."""
    return engagement.events.select_related("actor")[:limit]


def household_members(*, household: Household) -> QuerySet[Contact]:
    """The household's current members (a removed one is on History only), by name."""
    return household.members.filter(removed_at__isnull=True)


def engagement_shared_with(*, engagement: Engagement):
    """Colleagues an engagement is shared with (for its owner or a manager to review)."""
    from guardian.shortcuts import get_users_with_perms

    return get_users_with_perms(
        engagement, only_with_perms_in=["view_shared_engagement"], with_group_users=False
    ).order_by("full_name")


def consultation_people_offered(
    *, user, engagement: Engagement, query: str = "", keep=(), leave_out=()
) -> list:
    """Who a consultation may be recorded as held with: the child's household, then
    contacts matching what was typed (the one search), then those already chosen by
    their public ids (`keep`: found as the person typed), less `leave_out` (contacts)."""
    contacts = contacts_visible_to(user=user)
    left_out = {engagement.contact_id, *(c.pk for c in leave_out)}
    people = [
        p
        for p in contacts.filter(household_id=engagement.contact.household_id).order_by(
            "joined_household_at", "id"
        )
        if p.pk not in left_out
    ]
    query = query.strip()[:100]
    if len(query) >= 2:
        offered = left_out | {p.pk for p in people}
        people += [p for p, _ in people_search(user=user, query=query) if p.pk not in offered]
    keep = [k for k in keep if _is_uuid(k)]
    if keep:
        offered = left_out | {p.pk for p in people}
        people += [p for p in contacts.filter(public_id__in=keep) if p.pk not in offered]
    return people


def consultations_in(*, engagement: Engagement) -> QuerySet[Consultation]:
    """An engagement's consultations (not removed), each with `people`: the contacts it
    is recorded as held with."""
    return (
        engagement.consultations.filter(removed_at__isnull=True)
        .select_related("recorded_by")
        .prefetch_related(people_prefetch())
    )


def people_prefetch() -> Prefetch:
    """Consultations' current people (not removed), as `people`, in the order added."""
    return Prefetch(
        "participants",
        queryset=ConsultationParticipant.objects.current()
        .filter(contact__removed_at__isnull=True)
        .select_related("contact")
        .order_by("id"),
        to_attr="people",
    )


def consultation_people(*, consultation: Consultation) -> list:
    """The contacts a consultation is recorded as held with (not those removed)."""
    return [
        p.contact
        for p in consultation.participants.current()
        .filter(contact__removed_at__isnull=True)
        .select_related("contact")
        .order_by("contact__last_name", "contact__first_name")
    ]


def consultations_with(*, user, contact: Contact) -> QuerySet:
    """Consultations a contact took part in, of engagements the user may see."""
    return (
        Consultation.objects.filter(
            removed_at__isnull=True,
            # One join: the contact is among its people and was not removed from them.
            participants__contact=contact,
            participants__removed_at__isnull=True,
            engagement__in=engagements_visible_to(user=user).values("pk"),
        )
        .select_related("engagement__programme", "engagement__contact")
        .order_by("-date", "-id")
    )


def open_engagements_visible_to(*, user) -> QuerySet[Engagement]:
    """Open engagements the user may see, by client name: a group session's rows."""
    return (
        engagements_visible_to(user=user)
        .exclude(stage__in=ENDED_STAGES)
        .order_by("contact__last_name", "contact__first_name", "-start_date")
    )


def group_session_engagements(*, user, query: str = "", keep=(), limit: int = 500):
    """(offered, kept): open engagements to offer on the group session screen, those
    whose client matches what was typed (name or client ID), else the first `limit` by
    name; and the ones already chosen in the rows, so nothing entered is lost. Anyone can be reached
    by typing, however many open engagements there are."""
    open_ones = open_engagements_visible_to(user=user)
    query = query.strip()[:100]
    if query:
        found = [p.pk for p, _ in people_search(user=user, query=query, limit=limit)]
        offered = open_ones.filter(contact__in=found)
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


def on_visible_engagements(queryset: QuerySet, *, user) -> QuerySet:
    """`queryset` (rows that belong to an engagement) narrowed to the engagements the
    user may see; left as it is when they may see every one (no subquery to build, nor
    for PostgreSQL to plan)."""
    engagements = engagements_visible_to(user=user)
    if not engagements.query.where:
        return queryset
    return queryset.filter(engagement__in=engagements.values("pk"))


def deliveries_visible_to(*, user) -> QuerySet[ServiceDelivery]:
    return on_visible_engagements(
        ServiceDelivery.objects.filter(removed_at__isnull=True), user=user
    ).select_related("service", "engagement__contact")


def consultations_visible_to(*, user) -> QuerySet[Consultation]:
    return on_visible_engagements(Consultation.objects.filter(removed_at__isnull=True), user=user)


def households_visible_to(*, user) -> QuerySet[Household]:
    """Households, like contacts, are visible to all staff who record casework."""
    if not policy.can_record_casework(user):
        return Household.objects.none()
    return Household.objects.all()


def relationships_visible_to(*, user) -> QuerySet[Relationship]:
    """Current relationships (a removed one stays on History only)."""
    if not policy.can_record_casework(user):
        return Relationship.objects.none()
    return Relationship.objects.current().filter(
        contact__removed_at__isnull=True, other__removed_at__isnull=True
    )


def relationships_of(*, user, contact: Contact) -> QuerySet[Relationship]:
    """A contact's relationships with the inverse half, which reads from their side:
    on John Smith's page, "Kate Doyle is John Smith's mother"."""
    return (
        relationships_visible_to(user=user)
        .filter(contact=contact)
        .select_related("other", "inverse")
        .order_by("id")
    )


def relationship_get(*, user, contact: Contact, other_public_id) -> Relationship | None:
    """The current relationship recorded from `contact`'s side with another contact."""
    try:
        return (
            relationships_of(user=user, contact=contact)
            .filter(other__public_id=other_public_id)
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        return None


def programmes_visible_to(*, user) -> QuerySet[Programme]:
    """The catalogue: everyone who records casework picks from it."""
    if not policy.can_record_casework(user):
        return Programme.objects.none()
    return Programme.objects.all()


def services_visible_to(*, user) -> QuerySet[Service]:
    if not policy.can_record_casework(user):
        return Service.objects.none()
    return Service.objects.all()


def programme_catalogue(*, user) -> QuerySet[Programme]:
    """Every programme with its services by name, for those who keep the catalogue."""
    if not policy.can_manage_programmes(user):
        return Programme.objects.none()
    return Programme.objects.prefetch_related(
        Prefetch("services", queryset=Service.objects.order_by("name"))
    )


def contact_matches(
    *,
    user,
    first_name="",
    last_name="",
    date_of_birth=None,
    postcode="",
    phone="",
    email="",
    client_id="",
    limit=10,
) -> list[tuple[Contact, list[str]]]:
    """Find before create: likely matches and what matched, best first (the one search,
    casework.people_search, over the contacts the user may see)."""
    typed = typed_fields(
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        postcode=postcode,
        phone=phone,
        email=email,
        client_id=client_id,
    )
    return people_matching(contacts_visible_to(user=user), typed, columns=CONTACTS, limit=limit)


def people_search(*, user, query: str, limit: int = 20) -> list[tuple[Contact, list[str]]]:
    """One search box (header, lists, person pickers, the API): a name (typos, swapped
    names), client ID, date of birth, phone, postcode or email; what matched with each."""
    return people_matching(
        contacts_visible_to(user=user), read_query(query), columns=CONTACTS, limit=limit
    )


def services_matching(*, code: str = "", limit: int = 20) -> QuerySet[Service]:
    """Service lookup by typing the start of its code or name ("RF: St…")."""
    services = Service.objects.filter(is_active=True, programme__is_active=True).select_related(
        "programme"
    )
    if code.strip():
        services = services.filter(name__istartswith=code.strip())
    return services[:limit]


def search_everything(*, user, query: str, limit: int = 20) -> dict:
    """The header's search: contacts (the one search, with what matched) and the
    engagements of those contacts, or of a programme named, that the user may see."""
    query = query.strip()
    if len(query) < 2:
        return {"contacts": [], "engagements": []}
    people = people_search(user=user, query=query, limit=limit)
    engagements = list(
        engagements_visible_to(user=user)
        .filter(Q(contact__in=[p.pk for p, _ in people]) | Q(programme__name__icontains=query))
        .order_by("-start_date")[:limit]
    )
    return {"contacts": [p for p, _ in people], "people": people, "engagements": engagements}


def consent_reviews_due(*, user, today) -> QuerySet[Contact]:
    """The people this user looks after (an open engagement of theirs, or recorded by
    them) whose given consent is due for review within 30 days or has expired, the
    soonest first."""
    if not user.is_authenticated or not user.is_active:
        return Contact.objects.none()
    theirs = Engagement.objects.filter(contact=OuterRef("pk"), owner=user).exclude(
        stage__in=ENDED_STAGES
    )
    return (
        Contact.objects.filter(
            removed_at__isnull=True,
            consent=Consent.GIVEN,
            consent_review_on__lte=today + timedelta(days=REVIEW_SOON_DAYS),
        )
        .filter(Q(created_by=user) | Q(Exists(theirs)))
        .order_by("consent_review_on", "pk")
    )

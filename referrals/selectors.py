"""Reads of support-line cases and referrals, scoped to what the user may see."""

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from casework.access import policy as access_policy
from casework.models import Contact
from casework.people_search import CONTACTS, people_matching, read_query
from referrals import policy
from referrals.models import (
    CaseEvent,
    CaseNote,
    CaseStatus,
    Direction,
    LocalReferral,
    Referral,
    Signpost,
    SignpostCategory,
    SupportCase,
    WebhookEndpoint,
)


def _by_public_id(queryset, public_id):
    try:
        return queryset.filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def callers_visible_to(*, user, letter: str = "", query: str = ""):
    """The support line's contact list: by the first letter of the name, or what was
    typed (the one search, casework.people_search, or a postcode district like "M1"),
    each found caller saying what matched (`matched`)."""
    if not policy.can_handle_calls(user):
        return Contact.objects.none()
    contacts = Contact.objects.order_by("first_name", "last_name", "client_id")
    letter = letter.strip()[:1].upper()
    if letter.isalpha():
        contacts = contacts.filter(first_name__istartswith=letter)
    query = query.strip()
    if not query:
        return contacts
    found = people_matching(contacts, read_query(query), columns=CONTACTS, limit=100)
    people = [person for person, _ in found]
    seen = {person.pk for person in people}
    for person in contacts.filter(postcode_district__iexact=query).exclude(pk__in=seen)[:100]:
        person.matched = ["postcode district"]
        people.append(person)
    return people


def callers_matching(*, user, query: str, limit: int = 20) -> list[tuple[Contact, list[str]]]:
    """The one search (casework.people_search) over the support line's contacts."""
    return people_matching(
        callers_visible_to(user=user), read_query(query), columns=CONTACTS, limit=limit
    )


def caller_get(*, user, public_id) -> Contact | None:
    return _by_public_id(callers_visible_to(user=user), public_id)


def cases_visible_to(*, user) -> QuerySet[SupportCase]:
    if not (policy.can_handle_calls(user) or policy.can_review_cases(user)):
        return SupportCase.objects.none()
    return SupportCase.objects.select_related("caller", "beneficiary", "created_by")


def case_get(*, user, public_id) -> SupportCase | None:
    return _by_public_id(cases_visible_to(user=user), public_id)


def case_for_who_looked(*, user, public_id) -> SupportCase | None:
    """A support case, for whom may see who looked at it (the data protection role takes
    no calls, yet answers for every case)."""
    if not access_policy.can_see_who_looked(user):
        return None
    return _by_public_id(SupportCase.objects.all(), public_id)


def caller_cases(*, user, contact: Contact) -> QuerySet[SupportCase]:
    """The cases a caller rang about ("Caller cases"), newest first."""
    return cases_visible_to(user=user).filter(caller=contact).order_by("-created_at")


def beneficiary_cases(*, user, contact: Contact) -> QuerySet[SupportCase]:
    """Cases someone else rang about with this contact as the beneficiary."""
    return cases_visible_to(user=user).filter(beneficiary=contact).exclude(caller=contact)


def local_referral_get(*, user, public_id) -> LocalReferral | None:
    """A local referral of a case the user may see."""
    visible = LocalReferral.objects.filter(case__in=cases_visible_to(user=user).values("pk"))
    return _by_public_id(visible, public_id)


def case_notes(*, case: SupportCase) -> QuerySet[CaseNote]:
    """A case's summary notes, oldest first, each with its corrections."""
    return case.notes.select_related("author").prefetch_related("corrections")


def case_signposts(*, case: SupportCase) -> QuerySet[Signpost]:
    """Where the case's caller was signposted, oldest first, with the category."""
    return case.signposts.select_related("category")


def case_local_referrals(*, case: SupportCase) -> QuerySet[LocalReferral]:
    """The case's local referrals, oldest first, each with the referral sent for it."""
    return case.local_referrals.select_related("referral")


def case_events_recent(*, case: SupportCase, limit: int = 20) -> QuerySet[CaseEvent]:
    """The case's latest events (newest first) with who did them."""
    return case.events.select_related("actor")[:limit]


def case_note_get(*, user, public_id) -> CaseNote | None:
    """A summary note of a case the user may see."""
    visible = CaseNote.objects.filter(case__in=cases_visible_to(user=user).values("pk"))
    return _by_public_id(visible.select_related("case", "author"), public_id)


def signpost_category_get(*, name: str) -> SignpostCategory | None:
    """One of the partner's signpost categories still offered, by its name."""
    return SignpostCategory.objects.filter(name=name, is_active=True).first()


def review_queue(*, user) -> QuerySet[SupportCase]:
    """Cases ready for review, oldest first."""
    if not policy.can_review_cases(user):
        return SupportCase.objects.none()
    return cases_visible_to(user=user).filter(status=CaseStatus.READY).order_by("ready_at", "pk")


def review_case_get(*, user, public_id) -> SupportCase | None:
    if not policy.can_review_cases(user):
        return None
    return _by_public_id(cases_visible_to(user=user), public_id)


def referrals_sent_visible_to(*, user) -> QuerySet[Referral]:
    if not policy.can_send_referrals(user):
        return Referral.objects.none()
    return Referral.objects.filter(direction=Direction.SENT).select_related("contact")


def referral_sent_get(*, user, public_id) -> Referral | None:
    return _by_public_id(referrals_sent_visible_to(user=user), public_id)


def inbox_visible_to(*, user) -> QuerySet[Referral]:
    if not policy.can_receive_referrals(user):
        return Referral.objects.none()
    return Referral.objects.filter(direction=Direction.RECEIVED).select_related("contact")


def referrals_visible_to(*, user) -> QuerySet[Referral]:
    """What the user's partner sent (to senders) and received (to caseworkers)."""
    sent = referrals_sent_visible_to(user=user)
    inbox = inbox_visible_to(user=user)
    if sent.query.is_empty():
        return inbox
    if inbox.query.is_empty():
        return sent
    return sent | inbox


def referral_received_get(*, user, public_id) -> Referral | None:
    return _by_public_id(inbox_visible_to(user=user), public_id)


def webhooks_visible_to(*, user) -> QuerySet[WebhookEndpoint]:
    if not policy.can_manage_webhooks(user):
        return WebhookEndpoint.objects.none()
    return WebhookEndpoint.objects.all()


def case_history(*, user, public_id, page=1):
    """(case, a page of its history: the case's own fields and its local referrals) or
    None. The screen shows it only once the case's details may be shown (as the case)."""
    from casework.history import events_page, history_of
    from referrals.models import LocalReferralEvent, SupportCaseEvent

    case = case_get(user=user, public_id=public_id)
    if case is None:
        return None
    events = history_of(SupportCaseEvent, LocalReferralEvent, references=case).filter(
        Q(pgh_model="referrals.SupportCaseEvent", pgh_obj_id=str(case.pk))
        | Q(pgh_model="referrals.LocalReferralEvent", pgh_data__case_id=case.pk)
    )
    return case, events_page(events, number=page)

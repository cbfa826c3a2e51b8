"""Reads for subject access: the person (for the data protection role only) and the
exports, each seen only by the account that asked for it."""

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from casework.access.policy import can_see_who_looked
from casework.models import Contact
from customers.models import Customer
from privacy.subject_access import policy
from privacy.subject_access.bundle import files_held
from privacy.subject_access.models import SubjectAccessExport
from privacy.subject_access.names import names_in_notes
from referrals.models import SupportCase

PERSON_MODELS = {"contact": Contact, "customer": Customer}


def subject_get(*, user, kind: str, public_id):
    """The contact or customer a subject access export may be about, or None (not the
    data protection role, not this partner's, or not a person)."""
    if kind not in PERSON_MODELS or not policy.can_take_subject_access(user):
        return None
    try:
        return PERSON_MODELS[kind].objects.filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def subject_exports_of(*, user) -> QuerySet[SubjectAccessExport]:
    if not user.is_authenticated or not user.is_active:
        return SubjectAccessExport.objects.none()
    return SubjectAccessExport.objects.filter(requested_by=user).select_related(
        "contact", "customer"
    )


def subject_export_get(*, user, public_id) -> SubjectAccessExport | None:
    try:
        return subject_exports_of(user=user).filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def subject_exports_about(*, user, person) -> QuerySet[SubjectAccessExport]:
    """This user's own exports about the person, newest first."""
    field = "contact" if isinstance(person, Contact) else "customer"
    return subject_exports_of(user=user).filter(**{field: person})


def names_offered(*, kind: str, person) -> list[str]:
    """Third parties' names found in the notes about the person, to tick for removal."""
    return names_in_notes(kind=kind, person=person)


def files_offered(*, kind: str, person) -> list[tuple[str, str]]:
    """(key, label) of each file the bundle would hold, to tick to leave out."""
    return files_held(kind=kind, person=person)


FOUND_MAX = 20


def subjects_found(*, user, query: str) -> list[tuple[str, object]]:
    """(kind, person) for contacts (callers too) and customers whose name, client id or
    housing reference holds what was typed: at most 20 of each, for the data protection
    role only."""
    query = query.strip()
    if len(query) < 2 or not policy.can_take_subject_access(user):
        return []
    contacts = Contact.objects.filter(
        Q(search_name__icontains=query) | Q(client_id__iexact=query)
    ).order_by("last_name", "first_name")[:FOUND_MAX]
    customers = Customer.objects.filter(
        Q(search_name__icontains=query) | Q(housing_reference__iexact=query)
    ).order_by("last_name", "first_name")[:FOUND_MAX]
    return [("contact", c) for c in contacts] + [("customer", c) for c in customers]


def who_looked_pages(*, user, kind: str, person) -> list[tuple[str, str, object]]:
    """(label, URL name, public id) of each "Who has seen this" page about the person:
    their own record and, for a support line's caller, each case they rang about or
    were rung about (the data protection role sees every one: who looked is its
    question, not whether it takes calls)."""
    if not can_see_who_looked(user):
        return []
    if kind == "customer":
        return [("Their customer record", "customer_who_looked", person.public_id)]
    pages = [("Their contact record", "contact_who_looked", person.public_id)]
    cases = SupportCase.objects.filter(Q(caller=person) | Q(beneficiary=person)).order_by(
        "-created_at"
    )
    pages += [(f"Support case: {case.title}", "case_who_looked", case.public_id) for case in cases]
    return pages

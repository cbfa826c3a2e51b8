"""Support-line cases and referrals of the exchange, read through referrals.selectors.

A case's details (caller, beneficiary, notes, signposts, local referrals) show only once
this user confirmed the caller's identity during the call, as on the portal's case page.
A referral is visible to the partner that sent it or received it, nobody else."""

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from strawberry import relay
from strawberry.scalars import JSON
from strawberry.types import Info
from strawberry_django.relay import DjangoListConnection

from casework.access.models import RecordType
from graphql_api.auth import user_of
from graphql_api.corrections import Correction
from graphql_api.fields import model_type
from graphql_api.visibility import within
from referrals import models, policy, selectors

if TYPE_CHECKING:
    from graphql_api.customers.types_journey import AppointmentType, OutcomeStepType

# Lazily: employment support (customers) sits above referrals and refers back to it.
Appointment = Annotated["AppointmentType", strawberry.lazy("graphql_api.customers.types_journey")]
OutcomeStep = Annotated["OutcomeStepType", strawberry.lazy("graphql_api.customers.types_journey")]


def _is_verified(info: Info, case: models.SupportCase) -> bool:
    """Once per case per request (the check reads the verifications table)."""
    cache = info.context.request.__dict__.setdefault("_support_case_verified", {})
    if case.pk not in cache:
        cache[case.pk] = policy.case_is_verified(user=user_of(info), case=case)
    return cache[case.pk]


# The columns _is_verified reads (the optimizer selects only() what fields declare).
VERIFY_COLUMNS = ["created_by_id", "created_at"]


def _details_shown(info: Info, case: models.SupportCase) -> bool:
    """referrals.policy.case_details_shown, as on every portal page under a case."""
    return policy.case_details_shown(
        user=user_of(info), case=case, verified=lambda: _is_verified(info, case)
    )


def contact_gid(contact) -> relay.GlobalID:
    return relay.GlobalID("Contact", str(contact.public_id))


@strawberry.type(name="SupportLinePerson", description="A caller or beneficiary.")
class SupportLinePerson:
    id: relay.GlobalID = strawberry.field(description="The person's Contact id.")
    client_id: str
    first_name: str
    last_name: str
    postcode_district: str
    region: str
    consent: str
    alerts: str = strawberry.field(description="Risks or needs to know before speaking to them.")
    consent_review_date: date | None = strawberry.field(
        default=None, description="When given consent is due for review (expired after it)."
    )


def support_line_person(contact) -> SupportLinePerson:
    return SupportLinePerson(
        id=contact_gid(contact),
        client_id=contact.client_id,
        first_name=contact.first_name,
        last_name=contact.last_name,
        postcode_district=contact.postcode_district,
        region=contact.region,
        consent=contact.consent,
        alerts=contact.alerts,
        consent_review_date=contact.consent_review_on,
    )


@strawberry.type(name="CaseNoteCorrection")
class CaseNoteCorrectionType(Correction):
    @classmethod
    def is_type_of(cls, obj, info) -> bool:
        return isinstance(obj, models.CaseNoteCorrection)

    @strawberry.field(description="The summary note this corrects.")
    def corrects(self) -> "CaseNoteType":
        return case_note_type(self.note)


@strawberry.type(name="CaseNote", description="A summary note: added to, never edited.")
class CaseNoteType:
    id: relay.GlobalID = strawberry.field(description="For caseNoteCorrect (not a node).")
    author_name: str
    at: datetime
    text: str
    corrected_by: list[CaseNoteCorrectionType] = strawberry.field(
        description="Corrections of this note, oldest first (the note is never edited)."
    )


def case_note_type(note: models.CaseNote) -> CaseNoteType:
    return CaseNoteType(
        id=relay.GlobalID("CaseNote", str(note.public_id)),
        author_name=note.author.get_full_name(),
        at=note.at,
        text=note.text,
        corrected_by=list(note.corrections.all()),
    )


@strawberry.type(name="Signpost")
class SignpostType:
    category: str
    at: datetime


@strawberry.type(name="LocalReferral", description="A need sent on by the data team.")
class LocalReferralType:
    id: relay.GlobalID = strawberry.field(description="For referralSend.")
    response_type: str
    details: JSON
    at: datetime
    referral_status: str | None = strawberry.field(
        description="The exchange's status once sent; null before."
    )


HIDDEN_UNTIL_VERIFIED = "Empty until you confirm the caller's identity (the data team sees all)."


@model_type(models.SupportCase, name="SupportCase", read_as=RecordType.SUPPORT_CASE)
class SupportCaseType(relay.Node):
    public_id: relay.NodeID[str]
    title: str
    status: str
    created_at: datetime

    @strawberry_django.field(
        only=VERIFY_COLUMNS,
        description="You confirmed the caller's identity during this call: details show.",
    )
    def verified(self, root: models.SupportCase, info: Info) -> bool:
        return _is_verified(info, root)

    @strawberry_django.field(
        only=[*VERIFY_COLUMNS, "caller_id"],
        select_related=["caller"],
        description="Null until you confirm the caller's identity (the data team always sees it).",
    )
    def caller(self, root: models.SupportCase, info: Info) -> SupportLinePerson | None:
        return support_line_person(root.caller) if _details_shown(info, root) else None

    @strawberry_django.field(
        only=[*VERIFY_COLUMNS, "beneficiary_id"],
        select_related=["beneficiary"],
        description="Null until you confirm the caller's identity (the data team always sees it).",
    )
    def beneficiary(self, root: models.SupportCase, info: Info) -> SupportLinePerson | None:
        return support_line_person(root.beneficiary) if _details_shown(info, root) else None

    @strawberry_django.connection(
        DjangoListConnection[CaseNoteType],
        only=VERIFY_COLUMNS,
        description=f"{HIDDEN_UNTIL_VERIFIED} A page at a time.",
    )
    def notes(self, root: models.SupportCase, info: Info) -> Iterable[CaseNoteType]:
        if not _details_shown(info, root):
            return []
        return [case_note_type(n) for n in selectors.case_notes(case=root)]

    @strawberry_django.connection(
        DjangoListConnection[SignpostType],
        only=VERIFY_COLUMNS,
        description=f"{HIDDEN_UNTIL_VERIFIED} A page at a time.",
    )
    def signposts(self, root: models.SupportCase, info: Info) -> Iterable[SignpostType]:
        if not _details_shown(info, root):
            return []
        return [
            SignpostType(category=s.category.name, at=s.at)
            for s in root.signposts.select_related("category")
        ]

    @strawberry_django.connection(
        DjangoListConnection[LocalReferralType],
        only=VERIFY_COLUMNS,
        description=f"{HIDDEN_UNTIL_VERIFIED} A page at a time.",
    )
    def local_referrals(self, root: models.SupportCase, info: Info) -> Iterable[LocalReferralType]:
        if not _details_shown(info, root):
            return []
        return [
            LocalReferralType(
                id=relay.GlobalID("LocalReferral", str(lr.public_id)),
                response_type=lr.response_type,
                details=lr.details,
                at=lr.at,
                referral_status=lr.referral.status if lr.referral_id else None,
            )
            for lr in root.local_referrals.select_related("referral")
        ]

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return within(queryset, selectors.cases_visible_to(user=user_of(info)))


@model_type(models.ReferralEvent, name="ReferralEvent")
class ReferralEventType:
    at: datetime
    action: str
    partner_name: str
    by_name: str
    detail: str


@strawberry_django.filter_type(models.Referral)
class ReferralFilter:
    direction: strawberry.auto
    status: strawberry.auto
    referral_type: strawberry.auto


@model_type(models.Referral, name="Referral", read_as=RecordType.REFERRAL)
class ReferralType(relay.Node):
    """One side of a referral between partners (its id is the same on both sides)."""

    public_id: relay.NodeID[str]
    direction: str = strawberry_django.field(description="sent or received.")
    referral_type: str
    other_partner_name: str = strawberry_django.field(description="The partner on the other side.")
    status: str
    status_changed_at: datetime
    sent_at: datetime
    sent_by_name: str
    respond_by: datetime
    late_flagged_at: datetime | None
    redacted_at: datetime | None
    basis: str
    decline_reason: str
    suggested_partner_name: str
    withdraw_reason: str
    outcome: str
    outcome_code: str = strawberry_django.field(
        description="Once completed: need_met, partly_met, referred_on or no_longer_needed."
    )
    hold_reason: str
    hold_review_on: date | None = strawberry_django.field(
        description="On hold: the day it will be looked at again."
    )
    fail_reason: str = strawberry_django.field(
        description="Could not be completed: could_not_contact, not_eligible, no_capacity, "
        "declined_by_person or other (failDetails says more)."
    )
    fail_details: str
    complete_by: datetime | None = strawberry_django.field(
        description="The work's deadline (respondBy is the answer's)."
    )
    completion_late_at: datetime | None
    payload: JSON = strawberry_django.field(
        description="Exactly what crossed (minimised; redacted if consent was withdrawn)."
    )
    # Paged (first/after) like every list that grows: the cost limit counts each by its
    # page size, so a page of referrals asks for as many events as it means to read.
    events: DjangoListConnection[ReferralEventType] = strawberry_django.connection(
        description="Both sides' steps, oldest first, a page at a time."
    )
    appointments: DjangoListConnection[Appointment] = strawberry_django.connection(
        description="Employment support, provider side: the appointments booked (the "
        "referring borough sees them as events of its own copy), a page at a time."
    )
    outcome_steps: DjangoListConnection[OutcomeStep] = strawberry_django.connection(
        description="Employment support: the outcome checklist, on both copies, a page at a time."
    )

    @strawberry_django.field(
        only=["status"],
        description="The status as an HL7 FHIR Task status code (requested, accepted, "
        "rejected, on-hold, in-progress, completed, cancelled, failed …), one to one with "
        "status.",
    )
    def fhir_status(self, root: models.Referral) -> str:
        return models.fhir_status(root.status)

    @strawberry_django.field(only=["contact_id"], select_related=["contact"])
    def contact_id(self, root: models.Referral) -> relay.GlobalID | None:
        """The person referred (sender) or the linked local contact (receiver)."""
        return contact_gid(root.contact) if root.contact_id else None

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        user = user_of(info)
        if not (policy.can_send_referrals(user) or policy.can_receive_referrals(user)):
            return queryset.none()
        return within(queryset, selectors.referrals_visible_to(user=user))

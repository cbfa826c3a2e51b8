"""Support-line mutations (callers, their cases and what is recorded in them): the same
services, and so the same rules, as the portal's screens. Anything not visible to the
user is "not found". The exchange's are in mutations_exchange."""

from datetime import date

import strawberry
from django.core.exceptions import ValidationError
from strawberry import UNSET, relay
from strawberry.types import Info

from graphql_api.auth import check_can_write, user_of
from graphql_api.corrections import CorrectionInput
from graphql_api.errors import FieldError, not_found, payload_of
from graphql_api.ids import by_global_id, public_id_of
from graphql_api.inputs import changes_given
from graphql_api.referrals.types import (
    CaseNoteCorrectionType,
    CaseNoteType,
    SupportCaseType,
    SupportLinePerson,
    case_note_type,
    support_line_person,
)
from referrals import selectors
from referrals.services import callers as caller_services
from referrals.services import cases as case_services
from referrals.services import review as review_services
from referrals.services.corrections import case_note_correct


@strawberry.type
class CaseNoteCorrectPayload:
    correction: CaseNoteCorrectionType | None = None
    note: CaseNoteType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


def _case(info, global_id):
    return by_global_id(selectors.cases_visible_to(user=user_of(info)), global_id, "SupportCase")


def _caller(info, global_id):
    public_id = public_id_of(global_id, "Contact")
    return selectors.caller_get(user=user_of(info), public_id=public_id) if public_id else None


@strawberry.type
class CallerPayload:
    caller: SupportLinePerson | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class SupportCasePayload:
    case: SupportCaseType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class CallerCreateInput:
    consent: str = strawberry.field(description="given, refused or not_asked.")
    consent_decided_on: date | None = None
    postcode_district: str = ""
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    email: str = ""
    postcode: str = ""
    alerts: str = strawberry.field(default="", description="Only with consent.")


@strawberry.input(
    description="A detail left out is kept; null clears it (a name, the postcode or the "
    "consent cannot be cleared while consent is given). The same consent rules as callerCreate."
)
class CallerUpdateInput:
    caller_id: relay.GlobalID = strawberry.field(description="The caller's Contact id.")
    consent: str | None = strawberry.field(
        default=UNSET,
        description="given (with the names and date), refused or not_requested. Withdrawn "
        "consent is recorded on the portal's Withdraw consent screen (it erases).",
    )
    consent_decided_on: date | None = UNSET
    postcode_district: str | None = UNSET
    first_name: str | None = UNSET
    last_name: str | None = UNSET
    phone: str | None = UNSET
    email: str | None = UNSET
    postcode: str | None = UNSET
    alerts: str | None = UNSET
    reason: str = strawberry.field(
        default="", description="Why it changed: needed when a recorded name changes."
    )


@strawberry.input(
    description="A field left out is kept; null clears it (a yes/no becomes no). The title "
    "cannot be cleared, nor the safeguarding reason while safeguarding is activated, nor the "
    "consent to discuss a case about someone else. Summary notes are only added to."
)
class SupportCaseUpdateInput:
    case_id: relay.GlobalID
    title: str | None = UNSET
    beneficiary_consent_to_discuss: bool | None = UNSET
    psychosocial_support: bool | None = UNSET
    safeguarding_activated: bool | None = UNSET
    safeguarding_reason: str | None = UNSET
    feedback_consent: bool | None = UNSET
    reason: str = strawberry.field(
        default="", description="Why it changed: needed after the case was reviewed."
    )


@strawberry.input(description="Until it is sent: its type's own fields, all of them.")
class LocalReferralUpdateInput:
    local_referral_id: relay.GlobalID = strawberry.field(
        description="A case's local referral (SupportCase.localReferrals)."
    )
    details: strawberry.scalars.JSON = strawberry.field(default_factory=dict)
    reason: str = ""


@strawberry.input
class SupportCaseCreateInput:
    caller_id: relay.GlobalID = strawberry.field(description="The caller's Contact id.")
    title: str
    identity_confirmed: bool = strawberry.field(
        default=False, description="Required for a caller recorded before this call."
    )
    beneficiary_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Someone else the case is about (their Contact id)."
    )
    beneficiary_consent_to_discuss: bool = False


@strawberry.input
class LocalReferralAddInput:
    case_id: relay.GlobalID
    response_type: str = strawberry.field(description="food, housing, …")
    details: strawberry.scalars.JSON = strawberry.field(default_factory=dict)


def _with_case(info, case_id, work) -> SupportCasePayload:
    check_can_write(info)
    case = _case(info, case_id)
    if case is None:
        return SupportCasePayload(errors=not_found("case_id", "support-line case"))

    def run():
        work(user_of(info), case)
        case.refresh_from_db()
        return SupportCasePayload(case=case)

    return payload_of(SupportCasePayload, run)


@strawberry.type
class ReferralsMutation:
    @strawberry.mutation(description="Record a caller (without consent: no identifying fields).")
    def caller_create(self, info: Info, input: CallerCreateInput) -> CallerPayload:  # noqa: A002
        check_can_write(info)
        return payload_of(
            CallerPayload,
            lambda: CallerPayload(
                caller=support_line_person(
                    caller_services.caller_create(actor=user_of(info), **strawberry.asdict(input))
                )
            ),
        )

    @strawberry.mutation(description="Correct a caller's or beneficiary's details.")
    def caller_update(self, info: Info, input: CallerUpdateInput) -> CallerPayload:  # noqa: A002
        check_can_write(info)
        caller = _caller(info, input.caller_id)
        if caller is None:
            return CallerPayload(errors=not_found("caller_id", "caller"))
        changes = changes_given(input, skip=("caller_id", "reason"))
        return payload_of(
            CallerPayload,
            lambda: CallerPayload(
                caller=support_line_person(
                    caller_services.caller_update(
                        actor=user_of(info), contact=caller, reason=input.reason, **changes
                    )
                )
            ),
        )

    @strawberry.mutation(description="Open a case: one need of one caller.")
    def support_case_create(
        self,
        info: Info,
        input: SupportCaseCreateInput,  # noqa: A002
    ) -> SupportCasePayload:
        check_can_write(info)
        caller = _caller(info, input.caller_id)
        if caller is None:
            return SupportCasePayload(errors=not_found("caller_id", "caller"))
        beneficiary = None
        if input.beneficiary_id:
            beneficiary = _caller(info, input.beneficiary_id)
            if beneficiary is None:
                return SupportCasePayload(errors=not_found("beneficiary_id", "beneficiary"))
        return payload_of(
            SupportCasePayload,
            lambda: SupportCasePayload(
                case=case_services.case_create(
                    actor=user_of(info),
                    caller=caller,
                    title=input.title,
                    identity_confirmed=input.identity_confirmed,
                    beneficiary=beneficiary,
                    beneficiary_consent_to_discuss=input.beneficiary_consent_to_discuss,
                )
            ),
        )

    @strawberry.mutation(description="Confirm the caller's identity: details show for this call.")
    def support_case_verify(self, info: Info, case_id: relay.GlobalID) -> SupportCasePayload:
        return _with_case(
            info, case_id, lambda user, case: case_services.case_verify(actor=user, case=case)
        )

    @strawberry.mutation(description="Add a summary note (notes are never edited).")
    def case_note_add(self, info: Info, case_id: relay.GlobalID, text: str) -> SupportCasePayload:
        return _with_case(
            info,
            case_id,
            lambda user, case: case_services.case_note_add(actor=user, case=case, text=text),
        )

    @strawberry.mutation(
        description="Correct your own summary note (entered in error, or the corrected text): "
        "the note stays, marked as corrected."
    )
    def case_note_correct(
        self,
        info: Info,
        note_id: relay.GlobalID,
        input: CorrectionInput,  # noqa: A002
    ) -> CaseNoteCorrectPayload:
        check_can_write(info)
        public_id = public_id_of(note_id, "CaseNote")
        note = (
            selectors.case_note_get(user=user_of(info), public_id=public_id) if public_id else None
        )
        if note is None:
            return CaseNoteCorrectPayload(errors=not_found("note_id", "summary note"))

        def work():
            correction = case_note_correct(
                actor=user_of(info), note=note, kind=input.kind, text=input.text
            )
            return CaseNoteCorrectPayload(correction=correction, note=case_note_type(note))

        return payload_of(CaseNoteCorrectPayload, work)

    @strawberry.mutation(description="Signpost the caller (a category of your partner's list).")
    def signpost_add(
        self, info: Info, case_id: relay.GlobalID, category: str
    ) -> SupportCasePayload:
        def work(user, case):
            found = selectors.signpost_category_get(name=category)
            if found is None:
                raise ValidationError({"category": "Choose a signpost category from the list."})
            case_services.signpost_add(actor=user, case=case, category=found)

        return _with_case(info, case_id, work)

    @strawberry.mutation(description="Record a practical need for the data team to send on.")
    def local_referral_add(
        self,
        info: Info,
        input: LocalReferralAddInput,  # noqa: A002
    ) -> SupportCasePayload:
        def work(user, case):
            details = input.details if isinstance(input.details, dict) else {}
            case_services.local_referral_add(
                actor=user, case=case, response_type=input.response_type, details=details
            )

        return _with_case(info, input.case_id, work)

    @strawberry.mutation(
        description="Correct a case's own fields (once you confirmed the caller's identity; "
        "after review: the data team, with a reason)."
    )
    def support_case_update(
        self,
        info: Info,
        input: SupportCaseUpdateInput,  # noqa: A002
    ) -> SupportCasePayload:
        changes = changes_given(input, skip=("case_id", "reason"))
        return _with_case(
            info,
            input.case_id,
            lambda user, case: case_services.support_case_update(
                actor=user, case=case, reason=input.reason, **changes
            ),
        )

    @strawberry.mutation(description="Correct a local referral's details until it is sent.")
    def local_referral_update(
        self,
        info: Info,
        input: LocalReferralUpdateInput,  # noqa: A002
    ) -> SupportCasePayload:
        check_can_write(info)
        user = user_of(info)
        public_id = public_id_of(input.local_referral_id, "LocalReferral")
        local = selectors.local_referral_get(user=user, public_id=public_id) if public_id else None
        if local is None:
            return SupportCasePayload(errors=not_found("local_referral_id", "local referral"))

        def run():
            details = input.details if isinstance(input.details, dict) else {}
            case_services.local_referral_update(
                actor=user, local_referral=local, details=details, reason=input.reason
            )
            local.case.refresh_from_db()
            return SupportCasePayload(case=local.case)

        return payload_of(SupportCasePayload, run)

    @strawberry.mutation(description="Hand the case to the data team for review.")
    def support_case_ready_for_review(
        self, info: Info, case_id: relay.GlobalID
    ) -> SupportCasePayload:
        return _with_case(
            info, case_id, lambda user, case: review_services.case_mark_ready(actor=user, case=case)
        )

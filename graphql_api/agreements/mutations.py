"""Data-sharing agreements through the API (issue 19): propose, accept, decline and end,
through the same services (and rules, and audit on both sides) as the Agreements
screens. Another partner's agreement, like a made-up id, is simply not found."""

import uuid
from datetime import date

import strawberry
from strawberry.types import Info

from graphql_api.agreements.queries import DataSharingAgreementType, agreement_typed
from graphql_api.auth import check_can_write, user_of
from graphql_api.errors import FieldError, not_found, payload_of
from referrals.agreements import policy, selectors, services


@strawberry.type
class DataSharingAgreementPayload:
    agreement: DataSharingAgreementType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class DataSharingAgreementProposeInput:
    partner: str = strawberry.field(description="The other partner's key (as in the directory).")
    referral_types: list[str] = strawberry.field(description="Referral type keys it covers.")
    person_fields: list[str] = strawberry.field(
        default_factory=list,
        description="Person fields that may cross (the district and region always do).",
    )
    purpose: str
    lawful_basis: str = strawberry.field(
        description="consent, contract, legal_obligation, vital_interests, public_task or "
        "legitimate_interests."
    )
    starts_on: date
    ends_on: date


# The services name the agreement itself "agreement"; here it is the id given.
RENAMED = {"agreement": "agreementId"}


def _agreement(info: Info, public_id):
    return selectors.agreement_get(partner=info.context.request.tenant, public_id=public_id)


def _answer(info: Info, agreement_id, step) -> DataSharingAgreementPayload:
    check_can_write(info)

    def work():
        # The right to manage agreements first, so that a refusal reads as one.
        policy.check_manage_agreements(user_of(info))
        try:
            public_id = uuid.UUID(str(agreement_id))
        except ValueError:  # not a UUID: not found, like another partner's
            public_id = None
        agreement = _agreement(info, public_id) if public_id else None
        if agreement is None:
            return DataSharingAgreementPayload(errors=not_found("agreement_id", "agreement"))
        done = step(user_of(info), agreement)
        return DataSharingAgreementPayload(
            agreement=agreement_typed(done, info.context.request.tenant)
        )

    return payload_of(DataSharingAgreementPayload, work, renamed=RENAMED)


@strawberry.type
class AgreementsMutation:
    @strawberry.mutation(
        description="Propose a data-sharing agreement to another partner: referrals of its "
        "types cross either way once their champion or data protection officer accepts it "
        "(champions and data protection officers)."
    )
    def data_sharing_agreement_propose(
        self,
        info: Info,
        input: DataSharingAgreementProposeInput,  # noqa: A002
    ) -> DataSharingAgreementPayload:
        check_can_write(info)

        def work():
            here = info.context.request.tenant
            partner = (
                selectors.partners_to_propose_to(partner=here).filter(slug=input.partner).first()
            )
            agreement = services.agreement_propose(
                actor=user_of(info),
                partner=partner,  # None (not one to propose to) is refused by name
                referral_types=list(input.referral_types),
                person_fields=list(input.person_fields),
                purpose=input.purpose,
                lawful_basis=input.lawful_basis,
                starts_on=input.starts_on,
                ends_on=input.ends_on,
            )
            return DataSharingAgreementPayload(agreement=agreement_typed(agreement, here))

        return payload_of(DataSharingAgreementPayload, work)

    @strawberry.mutation(
        description="Accept a data-sharing agreement proposed to your partner: from its start "
        "date, referrals of its types may cross."
    )
    def data_sharing_agreement_accept(
        self, info: Info, agreement_id: strawberry.ID
    ) -> DataSharingAgreementPayload:
        return _answer(
            info,
            agreement_id,
            lambda actor, agreement: services.agreement_accept(actor=actor, agreement=agreement),
        )

    @strawberry.mutation(
        description="Decline a data-sharing agreement proposed to your partner, saying why."
    )
    def data_sharing_agreement_decline(
        self, info: Info, agreement_id: strawberry.ID, reason: str
    ) -> DataSharingAgreementPayload:
        return _answer(
            info,
            agreement_id,
            lambda actor, agreement: services.agreement_decline(
                actor=actor, agreement=agreement, reason=reason
            ),
        )

    @strawberry.mutation(
        description="End one of your partner's data-sharing agreements (or withdraw a "
        "proposal), saying why: no new referral crosses under it; those sent carry on."
    )
    def data_sharing_agreement_end(
        self, info: Info, agreement_id: strawberry.ID, reason: str
    ) -> DataSharingAgreementPayload:
        return _answer(
            info,
            agreement_id,
            lambda actor, agreement: services.agreement_end(
                actor=actor, agreement=agreement, reason=reason
            ),
        )

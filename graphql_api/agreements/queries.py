"""Data-sharing agreements (issue 19): the partner's own agreements and the
platform-wide ones, for its champions and data protection officers. Read-only: they are
proposed, answered and ended on the Agreements screens."""

from datetime import date

import strawberry
from strawberry.types import Info

from graphql_api.auth import user_of
from referrals.agreements import policy, selectors

# The most the list returns (newest first): a partner keeps a handful of agreements.
AGREEMENTS_MAX = 200


@strawberry.type(
    name="DataSharingAgreement",
    description="An agreement under which referrals of its types cross between two partners "
    "(or between any partners, when platform-wide).",
)
class DataSharingAgreementType:
    id: str = strawberry.field(description="Its public id (as on the Agreements screen).")
    platform_wide: bool
    with_partner: str | None = strawberry.field(
        description="The other partner's name (null when platform-wide)."
    )
    proposed_by_us: bool
    referral_types: list[str] = strawberry.field(description="Referral type keys it covers.")
    person_fields: list[str] = strawberry.field(
        description="Person fields that may cross (the district and region always do)."
    )
    purpose: str
    lawful_basis: str = strawberry.field(
        description="consent, contract, legal_obligation, vital_interests, public_task or "
        "legitimate_interests."
    )
    starts_on: date
    ends_on: date | None
    status: str = strawberry.field(description="proposed, accepted, declined or ended.")
    in_force: bool = strawberry.field(description="Accepted and within its dates today.")


def agreement_typed(agreement, partner) -> DataSharingAgreementType:
    other = None if agreement.is_platform_wide else agreement.other_than(partner)
    return DataSharingAgreementType(
        id=str(agreement.public_id),
        platform_wide=agreement.is_platform_wide,
        with_partner=other.name if other else None,
        proposed_by_us=agreement.proposer_id == partner.pk,
        referral_types=list(agreement.referral_types),
        person_fields=list(agreement.person_fields),
        purpose=agreement.purpose,
        lawful_basis=agreement.lawful_basis,
        starts_on=agreement.starts_on,
        ends_on=agreement.ends_on,
        status=agreement.status,
        in_force=selectors.is_in_force(agreement),
    )


@strawberry.type
class AgreementsQuery:
    @strawberry.field(
        description="Your partner's data-sharing agreements and the platform-wide ones, "
        "newest first (champions and data protection officers; empty for other roles)."
    )
    def data_sharing_agreements(self, info: Info) -> list[DataSharingAgreementType]:
        if not policy.can_manage_agreements(user_of(info)):
            return []
        partner = info.context.request.tenant
        agreements = selectors.agreements_of(partner=partner)[:AGREEMENTS_MAX]
        return [agreement_typed(agreement, partner) for agreement in agreements]

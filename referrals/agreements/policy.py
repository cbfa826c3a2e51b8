"""Who may do what with data-sharing agreements. One function answers "may this user"
for each step; which agreements a partner's staff see is `selectors.agreements_of`
(another partner's agreement is simply not found).

A partner's champions and data protection officers (capability PROTECT_DATA) propose,
answer and end their partner's agreements; platform managers set platform-wide ones."""

from django.core.exceptions import PermissionDenied

from referrals.agreements.models import AgreementStatus, DataSharingAgreement
from tenants import policy as tenants_policy
from tenants.accounts import capabilities as cap
from tenants.models import Partner


class AgreementRefused(PermissionDenied):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def can_manage_agreements(user) -> bool:
    """Partner side: champions and the data protection role."""
    return bool(
        user and user.is_authenticated and user.is_active and user.has_perm(cap.PROTECT_DATA)
    )


def check_manage_agreements(user) -> None:
    if not can_manage_agreements(user):
        raise AgreementRefused(
            "Only a champion or data protection officer manages data-sharing agreements."
        )


def can_keep_platform_agreements(user) -> bool:
    """Platform managers (those who keep the directory) set platform-wide agreements."""
    return tenants_policy.can_keep_reference_data(user)


def check_keep_platform_agreements(user) -> None:
    if not can_keep_platform_agreements(user):
        raise AgreementRefused("Only a platform manager sets platform-wide agreements.")


def can_answer(user, agreement: DataSharingAgreement, partner: Partner) -> bool:
    """Accept or decline: the partner asked, while the proposal waits."""
    return (
        can_manage_agreements(user)
        and agreement.status == AgreementStatus.PROPOSED
        and agreement.partner_id == partner.pk
    )


def can_end(user, agreement: DataSharingAgreement, partner: Partner) -> bool:
    """End early (or withdraw a proposal): either of its two partners; a platform-wide
    agreement only from the console."""
    return (
        can_manage_agreements(user)
        and not agreement.is_platform_wide
        and partner.pk in (agreement.proposer_id, agreement.partner_id)
        and agreement.status in (AgreementStatus.PROPOSED, AgreementStatus.ACCEPTED)
    )


def can_end_platform(user, agreement: DataSharingAgreement) -> bool:
    return (
        can_keep_platform_agreements(user)
        and agreement.is_platform_wide
        and agreement.status == AgreementStatus.ACCEPTED
    )

"""Helpers for the exchange's tests: each partner's copy of a referral, and a contact
at kappa (the provider) to link a received referral to."""

from django_tenants.utils import schema_context

from casework.models import Consent, ContactKind
from casework.services.contacts import contact_create
from referrals.models import Referral


def copy_in(partner, public_id) -> Referral:
    """The partner's own copy of the referral."""
    with schema_context(partner.schema_name):
        return Referral.objects.get(public_id=public_id)


def received(partner_c, sent_referral) -> Referral:
    """Kappa's copy of a referral the support line sent."""
    return copy_in(partner_c, sent_referral.public_id)


def kappa_contact(partner_c, adviser):
    """An adult contact at kappa, with consent."""
    with schema_context(partner_c.schema_name):
        return contact_create(
            actor=adviser,
            kind=ContactKind.ADULT,
            first_name="Morgan",
            last_name="Fairweather",
            consent=Consent.GIVEN,
        )


def platform_agreements_end() -> None:
    """End every platform-wide data-sharing agreement (the session's, tests/conftest.py),
    inside the test's own transaction: rolled back with it. Then a referral crosses only
    under an agreement between its two partners."""
    from referrals.agreements.models import AgreementStatus, DataSharingAgreement

    DataSharingAgreement.objects.filter(proposer__isnull=True).update(status=AgreementStatus.ENDED)


def officer_of(partner):
    """The partner's data protection officer (the session's demo login)."""
    from tenants.accounts.models import User

    with schema_context(partner.schema_name):
        return User.objects.get(username="data-protection")

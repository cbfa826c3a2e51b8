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

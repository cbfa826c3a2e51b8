"""Data-sharing agreements in tests: the terms beta proposes to kappa, who the directory
offers, and what each side's history records."""

from datetime import date, timedelta

from django_tenants.utils import schema_context

from referrals.agreements.models import DataSharingAgreement
from referrals.agreements.services import agreement_propose
from referrals.selectors_directory import directory_matches
from tenants.accounts.models import AuditEntry
from tests.referrals.exchange import officer_of

TODAY = date.today()


def terms(**changes) -> dict:
    return {
        "referral_types": ["food"],
        "person_fields": ["first_name", "postcode_district"],
        "purpose": "Food parcels for callers who cannot get out.",
        "lawful_basis": "consent",
        "starts_on": TODAY,
        "ends_on": TODAY + timedelta(days=365),
    } | changes


def offered(sender) -> set[int]:
    entries = directory_matches(
        referral_type="food", region="london", district="SW1A", sender=sender
    )
    return {e.partner_id for e in entries}


def proposed(partner_b, partner_c, **changes) -> DataSharingAgreement:
    """Beta's data protection officer proposes an agreement to kappa."""
    with schema_context(partner_b.schema_name):
        return agreement_propose(actor=officer_of(partner_b), partner=partner_c, **terms(**changes))


def actions_in(partner, agreement) -> list[str]:
    with schema_context(partner.schema_name):
        return list(
            AuditEntry.objects.filter(target_public_id=agreement.public_id)
            .order_by("pk")
            .values_list("action", flat=True)
        )

"""The demo's data-sharing agreements: each demo referral flows under one accepted by
both partners' data protection officers (proposed by one, accepted by the other,
through the services, so both histories show it), and one proposal waits for an answer."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django_tenants.utils import schema_context

from referrals import types
from referrals.agreements.models import AgreementStatus, DataSharingAgreement, LawfulBasis
from referrals.agreements.services import agreement_accept, agreement_propose
from tenants.accounts.models import User
from tenants.models import Partner

FIELDS = ["first_name", "last_name", "phone", "postcode_district", "region"]
# (proposer, partner asked, types, purpose, basis, accepted)
AGREEMENTS = [
    (
        "brightline",
        "northmoor",
        [types.FOOD, types.MEDICATION, types.TRANSPORT],
        "Practical help at home for support-line callers in Northmoor.",
        LawfulBasis.CONSENT,
        True,
    ),
    (
        "brightline",
        "pathway",
        [types.BEFRIENDING, types.OTHER, types.FOOD],
        "Befriending and practical support for isolated callers.",
        LawfulBasis.CONSENT,
        True,
    ),
    (
        "northmoor",
        "pathway",
        [types.EMPLOYMENT_SUPPORT],
        "Residents referred by housing officers for employment and training support.",
        LawfulBasis.PUBLIC_TASK,
        True,
    ),
    (
        "pathway",
        "riverside",
        [types.BEFRIENDING],
        "Befriending for parents the family centre works with.",
        LawfulBasis.CONSENT,
        False,
    ),
]


def _officer() -> User | None:
    return User.objects.filter(username="data-protection", is_active=True).first()


def agreements_demo_seed() -> None:
    """Idempotent: a pair that already has an agreement proposed or accepted is left."""
    today = timezone.localdate()
    for proposer_slug, asked_slug, kinds, purpose, basis, accepted in AGREEMENTS:
        proposer = Partner.objects.filter(slug=proposer_slug).first()
        asked = Partner.objects.filter(slug=asked_slug).first()
        if proposer is None or asked is None:
            continue
        pair = Q(proposer=proposer, partner=asked) | Q(proposer=asked, partner=proposer)
        if DataSharingAgreement.objects.filter(
            pair, status__in=[AgreementStatus.PROPOSED, AgreementStatus.ACCEPTED]
        ).exists():
            continue
        with schema_context(proposer.schema_name):
            officer = _officer()
            if officer is None:
                continue
            agreement = agreement_propose(
                actor=officer,
                partner=asked,
                referral_types=kinds,
                person_fields=FIELDS,
                purpose=purpose,
                lawful_basis=basis,
                starts_on=today - timedelta(days=30),
                ends_on=today + timedelta(days=365 * 2),
            )
        if accepted:
            with schema_context(asked.schema_name):
                officer = _officer()
                if officer is not None:
                    agreement_accept(actor=officer, agreement=agreement)

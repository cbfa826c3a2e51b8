"""The test session's partners and their users' password: which partners the session
makes (tests/conftest.py's django_db_setup), making one (`partner_ensure`) and the host
a partner's portal answers on (`domain_of`)."""

from dataclasses import dataclass

from tenants.models import Partner, PartnerKind
from tenants.services import partner_create

PASSWORD = "correct-horse-battery-staple"


@dataclass(frozen=True)
class TestPartner:
    slug: str
    name: str
    kind: str


PARTNER_A = TestPartner("alpha", "Alpha Family Centre", PartnerKind.FAMILY_CENTRE)
PARTNER_B = TestPartner("beta", "Beta Support Line", PartnerKind.SUPPORT_LINE)
# Browser tests commit their data through the server's threads: they get a partner of
# their own, so no other test ever sees what they leave behind.
PARTNER_BROWSER = TestPartner("browser-fc", "Browser Family Centre", PartnerKind.FAMILY_CENTRE)
# Referrals: kappa receives beta's (the support line's) referrals; alpha never takes part.
PARTNER_C = TestPartner("kappa", "Kappa Advice Provider", PartnerKind.PROVIDER)
# The cross-partner browser test commits data: a support line and a provider of its own.
PARTNER_BROWSER_SL = TestPartner("browser-sl", "Browser Support Line", PartnerKind.SUPPORT_LINE)
PARTNER_BROWSER_PR = TestPartner("browser-pr", "Browser Provider", PartnerKind.PROVIDER)
# The borough-to-provider browser test: a borough of its own, referring to browser-pr.
PARTNER_BROWSER_BO = TestPartner("browser-bo", "Browser Borough", PartnerKind.BOROUGH)
# Directory entries of the receiving partners (public schema, committed once).
DIRECTORY = {
    PARTNER_C.slug: {"regions": ["london", "north_west"], "districts": ["B33"]},
    PARTNER_BROWSER_PR.slug: {"regions": ["north_west"], "districts": []},
}


def partner_ensure(spec: TestPartner) -> Partner:
    """The test partner, cloned from the template the first time (and active)."""
    partner = Partner.objects.filter(slug=spec.slug).first()
    if partner is None:
        partner = partner_create(actor=None, name=spec.name, slug=spec.slug, kind=spec.kind)
    elif not partner.is_active:
        partner.is_active = True
        partner.save(update_fields=["is_active"])
    return partner


def domain_of(partner: Partner) -> str:
    return partner.get_primary_domain().domain

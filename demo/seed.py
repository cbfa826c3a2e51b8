"""Fictional demo partners and their logins, for `bin/up`. Never for production."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django_tenants.utils import schema_context

from casework.access.demo import reads_demo_seed
from casework.assessments.demo import assessments_demo_seed
from casework.demo import casework_demo_seed
from casework.duplicates.demo import duplicates_demo_seed
from casework.events.demo import events_demo_seed
from casework.files.demo import files_demo_seed
from casework.imports.demo import imports_demo_seed
from casework.incidents.demo import incidents_demo_seed
from casework.notes.demo import notes_demo_seed
from casework.plans.demo import plans_demo_seed
from casework.safeguarding.demo import safeguarding_demo_seed
from customers.demo import duplicate_customers_demo_seed, employment_demo_seed
from privacy.retention.demo import retention_demo_seed
from referrals.agreements.demo import agreements_demo_seed
from referrals.demo import (
    directory_demo_seed,
    support_line_demo_seed,
    support_line_referral_demo_seed,
)
from referrals.models import SupportCase
from tenants.accounts.roles import PLATFORM_ROLES, roles_for_kind
from tenants.accounts.services import demo_user_ensure
from tenants.models import Partner, PartnerKind
from tenants.services import partner_create

# Documented in the README; seed_demo refuses to run outside development.
DEMO_PASSWORD = "casebridge-demo-2026"
# A made-up Salesforce export of 1,000 contacts (500 families) waiting in the family centres'
# Import area; its engagements and deliveries lie beside it, to upload next.
IMPORT_SAMPLE = Path(__file__).parent / "imports" / "salesforce-contacts.csv"


@dataclass(frozen=True)
class DemoPartner:
    slug: str
    name: str
    kind: str


DEMO_PARTNERS = [
    DemoPartner("riverside", "Riverside Family Centre", PartnerKind.FAMILY_CENTRE),
    DemoPartner("brightline", "Brightline National Support Line", PartnerKind.SUPPORT_LINE),
    DemoPartner("northmoor", "Northmoor Borough Council", PartnerKind.BOROUGH),
    DemoPartner("pathway", "Pathway Skills and Advice", PartnerKind.PROVIDER),
]

DEMO_NAMES = {
    "practitioner": "Priya Practitioner",
    "practitioner2": "Paulo Practitioner",
    "manager": "Morgan Manager",
    "dsl": "Dana Safeguarding-Lead",
    "call-handler": "Cal Handler",
    "data-team": "Dee Datateam",
    "supervisor": "Sam Supervisor",
    "housing-officer": "Hollis Housing",
    "adviser": "Ada Adviser",
    "provider-manager": "Pat Provider-Manager",
    "champion": "Charlie Champion",
    "editor": "Eddie Editor",
    "integrator": "Integration Service",
    "data-protection": "Dara Data-Protection",
    "platform-staff": "Stevie Platform-Staff",
    "platform-manager": "Max Platform-Manager",
}


def portal_url(domain: str) -> str:
    return f"http://{domain}:{settings.CASEBRIDGE_PORT}/"


def demo_seed(*, progress=lambda message: None) -> list[dict]:
    """Create the demo partners and a login for every role (idempotent).
    Returns what to print: one entry per portal with its URL and logins."""
    summary = []
    with schema_context("public"):
        platform = Partner.objects.get(schema_name="public")
        for role in PLATFORM_ROLES:
            demo_user_ensure(
                username=role.key, full_name=DEMO_NAMES[role.key], role=role, password=DEMO_PASSWORD
            )
        summary.append(
            {
                "name": "Platform console",
                "url": portal_url(platform.get_primary_domain().domain),
                "usernames": [r.key for r in PLATFORM_ROLES],
            }
        )
    for spec in DEMO_PARTNERS:
        partner = Partner.objects.filter(slug=spec.slug).first()
        if partner is None:
            progress(f"Creating {spec.name}…")
            partner = partner_create(actor=None, name=spec.name, slug=spec.slug, kind=spec.kind)
        roles = roles_for_kind(partner.kind)
        with schema_context(partner.schema_name):
            users = {
                role.key: demo_user_ensure(
                    username=role.key,
                    full_name=DEMO_NAMES[role.key],
                    role=role,
                    password=DEMO_PASSWORD,
                )
                for role in roles
            }
            usernames = [r.key for r in roles]
            if partner.kind == PartnerKind.FAMILY_CENTRE:
                # A second practitioner, to show what a colleague who is neither the
                # engagement's owner nor a manager sees (a withheld confidential note).
                users["practitioner2"] = demo_user_ensure(
                    username="practitioner2",
                    full_name=DEMO_NAMES["practitioner2"],
                    role=next(r for r in roles if r.key == "practitioner"),
                    password=DEMO_PASSWORD,
                )
                usernames.insert(1, "practitioner2")
                casework_demo_seed(practitioner=users["practitioner"], manager=users["manager"])
                safeguarding_demo_seed(practitioner=users["practitioner"], manager=users["manager"])
                notes_demo_seed(practitioner=users["practitioner"])
                plans_demo_seed(practitioner=users["practitioner"], manager=users["manager"])
                assessments_demo_seed(practitioner=users["practitioner"])
                files_demo_seed(practitioner=users["practitioner"])
                incidents_demo_seed(practitioner=users["practitioner"])
                events_demo_seed(practitioner=users["practitioner"])
                duplicates_demo_seed(practitioner=users["practitioner"])
                imports_demo_seed(
                    manager=users["manager"],
                    name=IMPORT_SAMPLE.name,
                    content=IMPORT_SAMPLE.read_bytes(),
                )
            if partner.kind == PartnerKind.SUPPORT_LINE:
                support_line_demo_seed(handler=users["call-handler"], data_team=users["data-team"])
                retention_demo_seed(handler=users["call-handler"], officer=users["data-protection"])
                # Who has seen the demo caller's case (issue 19): a few reads already.
                case = SupportCase.objects.order_by("id").first()
                if case is not None:
                    reads_demo_seed(
                        record_type="support_case",
                        public_id=case.public_id,
                        readers=[users["call-handler"], users["data-team"], users["call-handler"]],
                    )
            if partner.kind == PartnerKind.BOROUGH:
                duplicate_customers_demo_seed(officer=users["housing-officer"])
        summary.append(
            {
                "name": partner.name,
                "url": portal_url(partner.get_primary_domain().domain),
                "usernames": usernames,
            }
        )
    directory_demo_seed()
    # Before any demo referral is sent: referrals cross only under an accepted agreement.
    agreements_demo_seed()
    employment_demo_seed()
    support_line_referral_demo_seed()
    return summary

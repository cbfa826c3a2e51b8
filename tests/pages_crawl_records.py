"""The crawl's partners, users and records (tests/pages_crawl.py lists its pages), made once
per database and committed; `crawl_ensure` returns their ids."""

from datetime import date, time, timedelta
from pathlib import Path

from django.db import transaction
from django_tenants.utils import schema_context

from tenants.accounts.roles import roles_for_kind
from tenants.accounts.services import demo_user_ensure
from tenants.models import DirectoryEntry, Partner
from tests.crawl_records import (
    CUSTOMER_PAIR,
    DUPLICATE_PAIR,
    UNSEEN,
    borough_records_ensure,
    family_centre_records_ensure,
    provider_records_ensure,
)
from tests.pages_crawl import (
    BOROUGH,
    FAMILY_CENTRE,
    PARTNERS,
    PROVIDER,
    SUPPORT_LINE,
    CrawlIds,
    crawl_partner,
)


def _users(partner: Partner, password: str) -> dict:
    with schema_context(partner.schema_name):
        return {
            role.key: demo_user_ensure(
                username=role.key,
                full_name=f"{role.name} at {partner.slug}",
                role=role,
                password=password,
            )
            for role in roles_for_kind(partner.kind)
        }


@transaction.atomic
def _seed(password: str) -> None:
    """Records for every page, once per database (made with the demo's own seeds)."""
    from casework.assessments.demo import assessments_demo_seed
    from casework.demo import casework_demo_seed
    from casework.events.demo import events_demo_seed
    from casework.files.demo import files_demo_seed
    from casework.imports.demo import imports_demo_seed
    from casework.incidents.demo import incidents_demo_seed
    from casework.notes.demo import notes_demo_seed
    from casework.plans.demo import plans_demo_seed
    from casework.safeguarding.demo import safeguarding_demo_seed
    from customers.services import customer_create
    from customers.services.appointments import appointment_book
    from customers.services.referring import customer_refer
    from privacy.retention.demo import retention_demo_seed
    from referrals.demo import support_line_demo_seed
    from referrals.models import LocalReferral, Referral
    from referrals.services.exchange import local_referral_send

    partners = {slug: crawl_partner(slug) for slug in PARTNERS}
    users = {slug: _users(partner, password) for slug, partner in partners.items()}
    fc, sl, bo, pr = (partners[s] for s in (FAMILY_CENTRE, SUPPORT_LINE, BOROUGH, PROVIDER))
    with schema_context(fc.schema_name):
        staff = users[FAMILY_CENTRE]
        casework_demo_seed(practitioner=staff["practitioner"], manager=staff["manager"])
        safeguarding_demo_seed(practitioner=staff["practitioner"], manager=staff["manager"])
        notes_demo_seed(practitioner=staff["practitioner"])
        plans_demo_seed(practitioner=staff["practitioner"], manager=staff["manager"])
        assessments_demo_seed(practitioner=staff["practitioner"])
        files_demo_seed(practitioner=staff["practitioner"])
        incidents_demo_seed(practitioner=staff["practitioner"])
        events_demo_seed(practitioner=staff["practitioner"])
        _monitoring_action(practitioner=staff["practitioner"])
        _closure_decision(practitioner=staff["practitioner"], manager=staff["manager"])
        _export(manager=staff["manager"])
        _consultation(practitioner=staff["practitioner"])
        _api_token(champion=staff["champion"], integrator=staff["integrator"])
        _webhook(champion=staff["champion"])
        _problem(practitioner=staff["practitioner"])
        imports_demo_seed(
            manager=staff["manager"],
            name="salesforce-contacts.csv",
            content=(
                Path(__file__).parent / "casework/imports/files/salesforce-contacts.csv"
            ).read_bytes(),
        )
    with schema_context(sl.schema_name):
        support_line_demo_seed(handler=users[SUPPORT_LINE]["call-handler"])
        retention_demo_seed(
            handler=users[SUPPORT_LINE]["call-handler"],
            officer=users[SUPPORT_LINE]["data-protection"],
        )
        if Referral.objects.exists():
            return
    # The provider is in the directory only while the referrals are sent, so no other
    # test's routing ever offers it.
    entry = DirectoryEntry.objects.create(
        partner=pr,
        referral_types=["food", "employment-support"],
        regions=["north_west"],
        accepting=True,
        response_hours=48,
    )
    with schema_context(sl.schema_name):
        local_referral_send(
            actor=users[SUPPORT_LINE]["data-team"],
            local_referral=LocalReferral.objects.get(),
            receiver=pr,
        )
    today = date.today()
    with schema_context(bo.schema_name):
        officer = users[BOROUGH]["housing-officer"]
        customer = customer_create(
            actor=officer,
            first_name="Casey",
            last_name="Marlow",
            postcode="M1 1AE",
            phone="07700 900001",
            housing_reference="CRAWL-1",
            date_of_birth=date(1990, 1, 1),
        )
        sent = customer_refer(
            actor=officer,
            customer=customer,
            provider=pr,
            support_wanted="Looking for warehouse work.",
            agreed_on=today,
        )
    entry.delete()
    with schema_context(pr.schema_name):
        adviser = users[PROVIDER]["adviser"]
        appointment_book(
            actor=adviser,
            referral=Referral.objects.get(public_id=sent.public_id),
            on=today + timedelta(days=7),
            at=time(10, 0),
            adviser=adviser,
            place="Job hub",
        )


def _monitoring_action(*, practitioner) -> None:
    """One monitoring action on the first safeguarding case (its Correct screen)."""
    from casework.safeguarding.models import MonitoringAction, SafeguardingCase
    from casework.safeguarding.services.cases import monitoring_action_add

    if MonitoringAction.objects.exists():
        return
    monitoring_action_add(
        actor=practitioner,
        case=SafeguardingCase.objects.order_by("pk").first(),
        actions_taken="Spoke to the duty team, as agreed.",
        taken_by="Centre staff",
        rationale="Agreed when the case was opened.",
    )


def _closure_decision(*, practitioner, manager) -> None:
    """The second safeguarding case's closure, asked for and refused by the manager (its
    Correct screen); the case stays open. The first case is the crawl's open one."""
    from casework.safeguarding.models import ClosureDecision, SafeguardingCase
    from casework.safeguarding.services.closure import (
        closure_request_decide,
        closure_request_submit,
    )

    if ClosureDecision.objects.exists():
        return
    case = SafeguardingCase.objects.order_by("pk")[1]
    request = closure_request_submit(
        actor=practitioner, case=case, approver=manager, comment="The agreed actions are done."
    )
    closure_request_decide(
        actor=manager, request=request, approve=False, comment="Wait for the duty team's visit."
    )


def _export(*, manager) -> None:
    """A small export of the manager's, built at once (its page and download)."""
    from reports.models import Export
    from reports.services.exports import export_create

    if Export.objects.exists():
        return
    export_create(actor=manager, dataset_key="deliveries", fmt="csv")


def _emergency_access() -> None:
    """An engagement of the manager's (Wren Ashby) the practitioner may not see, and the
    practitioner's emergency access to it (what the DSL reviews). Outside _seed's
    transaction: the DSL and the owner are told once the grant is committed, which must
    happen in the partner's schema."""
    from tenants.accounts.models import User

    practitioner = User.objects.get(username="practitioner")
    manager = User.objects.get(username="manager")
    from casework.access.models import EmergencyAccess
    from casework.access.services import emergency_access_ask

    if EmergencyAccess.objects.exists():
        return
    with transaction.atomic():
        engagement = _engagement_not_the_practitioners(manager)
    emergency_access_ask(
        actor=practitioner, engagement=engagement, reason="The police asked about Wren tonight."
    )


def _engagement_not_the_practitioners(manager):
    from casework.models import ContactKind, Programme
    from casework.services.contacts import contact_create
    from casework.services.engagements import engagement_open

    child = contact_create(
        actor=manager,
        kind=ContactKind.CHILD,
        first_name="Wren",
        last_name="Ashby",
        date_of_birth=date.today() - timedelta(days=4 * 365),
    )
    engagement = engagement_open(
        actor=manager,
        contact=child,
        programme=Programme.objects.filter(is_active=True).order_by("pk").first(),
        start_date=date.today() - timedelta(days=10),
    )
    return engagement


def _consultation(*, practitioner) -> None:
    """A consultation on Sam's engagement, held with Sam (its Change, Remove and people
    screens)."""
    from casework.models import Consultation, Contact, Engagement
    from casework.services.engagements import consultation_create

    if Consultation.objects.exists():
        return
    child = Contact.objects.get(first_name="Sam", last_name="Bunny")
    consultation_create(
        actor=practitioner,
        engagement=Engagement.objects.get(contact=child),
        on=date.today(),
        method="phone",
        notes="Talked through the week's sessions.",
        held_with_contacts=[child],
    )


def _api_token(*, champion, integrator) -> None:
    """A token of the integrator's (its Revoke button on the champion's API tokens page)."""
    from django.utils import timezone

    from tenants.accounts.models import ApiToken
    from tenants.accounts.services.tokens import api_token_create

    if ApiToken.objects.exists():
        return
    api_token_create(
        actor=champion,
        user_public_id=integrator.public_id,
        name="Crawl case system",
        scope="read",
        expires_at=timezone.now() + timedelta(days=30),
    )


def _webhook(*, champion) -> None:
    """A webhook endpoint (its page, linked from the champion's Webhooks page)."""
    from django.test.utils import override_settings

    from referrals.models import WebhookEndpoint
    from referrals.services.webhooks import webhook_register

    if WebhookEndpoint.objects.exists():
        return
    # The crawl must not depend on resolving a real host's address.
    with override_settings(CASEBRIDGE_WEBHOOKS_ALLOW_PRIVATE=True):
        webhook_register(actor=champion, url="https://hooks.example.org/crawl")


def _problem(*, practitioner) -> None:
    """A problem the practitioner reported (its page, for the champions who handle it)."""
    from workspace.models import ProblemReport
    from workspace.services.problems import problem_report

    if ProblemReport.objects.exists():
        return
    problem_report(actor=practitioner, doing="Saving a session note, the page went blank.")


def crawl_ensure(password: str) -> CrawlIds:
    """Make the crawl's partners and records (idempotent) and return their ids."""
    from casework.access.models import EmergencyAccess
    from casework.assessments.models import Assessment, AssessmentTemplate
    from casework.events.models import Event
    from casework.files.models import ClientFile
    from casework.imports.models import ImportJob
    from casework.incidents.models import Incident
    from casework.models import Contact, Engagement, GroupSession
    from casework.notes.models import Note
    from casework.plans.models import CasePlan, PlanAction
    from casework.safeguarding.models import ClosureDecision, MonitoringAction, SafeguardingCase
    from customers.models import Appointment, Customer, CustomerMerge, OutcomeStep
    from privacy.retention.models import DisposalBatch, LegalHold
    from referrals.agreements.models import DataSharingAgreement
    from referrals.models import Direction, LocalReferral, Referral, SupportCase
    from reports.models import Export
    from tenants.accounts.models import User
    from workspace.models import ProblemReport

    # Each partner cloned in a transaction of its own: four clones in one transaction hold
    # the locks of four schemas' objects at once (PostgreSQL's shared lock table, which a
    # server running several test sessions can run out of).
    for slug in PARTNERS:
        crawl_partner(slug)
    _seed(password)
    with schema_context(Partner.objects.get(slug=FAMILY_CENTRE).schema_name):
        _emergency_access()
        family_centre_records_ensure()
    with schema_context(Partner.objects.get(slug=BOROUGH).schema_name):
        borough_records_ensure()
    with schema_context(Partner.objects.get(slug=PROVIDER).schema_name):
        provider_records_ensure()
    ids = {
        "crawl_slug": FAMILY_CENTRE,
        "report_casework": "casework",
        "report_employment": "employment",
        "report_interest": "interest",
    }
    partners = {slug: Partner.objects.get(slug=slug) for slug in PARTNERS}
    with schema_context(partners[FAMILY_CENTRE].schema_name):
        child = Contact.objects.get(first_name="Sam", last_name="Bunny")
        ids["child"] = child.public_id
        ids["household"] = child.household.public_id
        ids["engagement"] = Engagement.objects.get(contact=child).public_id
        ids["safeguarding_case"] = SafeguardingCase.objects.order_by("pk").first().public_id
        ids["practitioner"] = User.objects.get(username="practitioner").public_id
        ids["note"] = Note.objects.order_by("pk").first().public_id
        plan = CasePlan.objects.order_by("pk").first()
        ids["plan"] = plan.public_id
        action = PlanAction.objects.filter(plan=plan).order_by("pk").first()
        ids["plan_action"], ids["plan_goal"] = action.public_id, action.goal.public_id
        ids["assessment"] = Assessment.objects.order_by("pk").first().public_id
        ids["assessment_template"] = AssessmentTemplate.objects.order_by("pk").first().public_id
        ids["client_file"] = ClientFile.objects.order_by("pk").first().public_id
        ids["incident"] = Incident.objects.order_by("pk").first().public_id
        ids["event"] = Event.objects.filter(kind="visit").order_by("pk").first().public_id
        ids["import_job"] = ImportJob.objects.order_by("pk").first().public_id
        ids["monitoring_action"] = MonitoringAction.objects.order_by("pk").first().public_id
        ids["group_session"] = GroupSession.objects.order_by("pk").first().public_id
        ids["closure_decision"] = ClosureDecision.objects.order_by("pk").first().public_id
        ids["export"] = Export.objects.order_by("pk").first().public_id
        ids["emergency_access"] = EmergencyAccess.objects.order_by("pk").first().public_id
        ids["problem"] = ProblemReport.objects.order_by("pk").first().public_id
        ids |= _family_centre_record_ids(child)
        # A link whose invitation is used up or unknown: the "expired or used" page.
        ids["spent_invitation"] = "crawl-spent-invitation"
    with schema_context(partners[SUPPORT_LINE].schema_name):
        case = SupportCase.objects.order_by("pk").first()
        ids["support_case"] = case.public_id
        ids["review_case"] = case.public_id
        ids["caller"] = case.caller.public_id
        ids["referral_sent"] = Referral.objects.get(direction=Direction.SENT).public_id
        ids["local_referral"] = LocalReferral.objects.order_by("pk").first().public_id
        ids["disposal_batch"] = DisposalBatch.objects.order_by("pk").first().public_id
        ids["retention_rule"] = "support_case"
        ids["hold_subject_case"] = ("support_case", case.public_id)
        ids["legal_hold"] = LegalHold.objects.filter(released_at=None).first().public_id
    with schema_context(partners[BOROUGH].schema_name):
        ids["customer"] = Customer.objects.get(housing_reference="CRAWL-1").public_id
        ids["customer_pair"] = tuple(
            Customer.objects.filter(first_name=CUSTOMER_PAIR[0], last_name=CUSTOMER_PAIR[1])
            .order_by("pk")
            .values_list("public_id", flat=True)[:2]
        )
        ids["customer_merge"] = CustomerMerge.objects.get().public_id
    with schema_context(partners[PROVIDER].schema_name):
        received = Referral.objects.filter(direction=Direction.RECEIVED)
        ids["journey"] = received.get(referral_type="employment-support").public_id
        ids["referral_received"] = received.get(referral_type="food").public_id
        ids["appointment"] = Appointment.objects.get().public_id
        ids["outcome_step"] = OutcomeStep.objects.order_by("pk").first().public_id
    ids["agreement"] = _agreement(partners[SUPPORT_LINE], partners[PROVIDER]).public_id
    ids["platform_agreement"] = (
        DataSharingAgreement.objects.filter(proposer__isnull=True).order_by("pk").first().public_id
    )
    return CrawlIds(ids)


def _family_centre_record_ids(child) -> dict:
    """The ids of tests/crawl_records.py's records at the family centre."""
    from casework.duplicates.models import Merge
    from casework.events.models import CalendarFeed
    from casework.files.models import ContactPhoto
    from casework.imports.models import ImportJob
    from casework.models import Consultation, Contact, Engagement
    from privacy.subject_access.models import SubjectAccessExport
    from workspace.models import ProblemReport

    pair = Contact.objects.filter(
        first_name=DUPLICATE_PAIR[0], last_name=DUPLICATE_PAIR[1]
    ).order_by("pk")
    return {
        "photo": ContactPhoto.objects.get(contact=child, removed_at__isnull=True).public_id,
        "calendar_feed": CalendarFeed.objects.get(
            user__username="practitioner", revoked_at__isnull=True
        ).token,
        "engagement_unseen": Engagement.objects.get(
            contact__first_name=UNSEEN[0], contact__last_name=UNSEEN[1]
        ).public_id,
        "consultation_person": (
            Consultation.objects.filter(participants__contact=child).order_by("pk")[0].public_id,
            child.public_id,
        ),
        "import_refused": ImportJob.objects.exclude(refused_file="").get().public_id,
        "duplicate_pair": tuple(contact.public_id for contact in pair[:2]),
        "merge": Merge.objects.get().public_id,
        "problem_screenshot": ProblemReport.objects.exclude(screenshot="").get().public_id,
        "subject_export": SubjectAccessExport.objects.get().public_id,
    }


def _agreement(sl: Partner, pr: Partner):
    """The support line's data-sharing agreement proposed to the provider (waiting)."""
    from referrals.agreements.models import DataSharingAgreement
    from referrals.agreements.services import agreement_propose
    from tenants.accounts.models import User

    agreement = DataSharingAgreement.objects.filter(proposer=sl, partner=pr).first()
    if agreement is None:
        with schema_context(sl.schema_name):
            agreement = agreement_propose(
                actor=User.objects.get(username="data-protection"),
                partner=pr,
                referral_types=["befriending"],
                person_fields=["first_name", "postcode_district"],
                purpose="Befriending calls for isolated callers.",
                lawful_basis="consent",
                starts_on=date.today(),
                ends_on=date.today() + timedelta(days=365 * 5),
            )
    return agreement

"""The pages the browser crawl visits (tests/test_pages_crawl.py), for each role: a list of
URL names, with the ids of real records made once per database in partners of the
crawl's own (crawl-*; tests/pages_crawl_records.py makes them), committed so the server's
threads see them.

To cover a new page, append its URL name to the role that uses it; a name that needs a
record names the record's key in `CrawlIds` (`("contact_detail", "contact")`), and one
that needs a query string gives it (`("search", None, "q=Bunny")`).
"""

from dataclasses import dataclass, field

from django.urls import reverse

from tenants.models import Partner, PartnerKind
from tenants.services import partner_create

FAMILY_CENTRE, SUPPORT_LINE, BOROUGH, PROVIDER = "crawl-fc", "crawl-sl", "crawl-bo", "crawl-pr"
PARTNERS = {
    FAMILY_CENTRE: ("Crawl Family Centre", PartnerKind.FAMILY_CENTRE),
    SUPPORT_LINE: ("Crawl Support Line", PartnerKind.SUPPORT_LINE),
    BOROUGH: ("Crawl Borough", PartnerKind.BOROUGH),
    PROVIDER: ("Crawl Provider", PartnerKind.PROVIDER),
}
PUBLIC = "public"


@dataclass(frozen=True)
class Visit:
    """One signed-in role and the pages it reads."""

    partner: str  # a crawl partner's slug, or PUBLIC for the platform console
    username: str
    pages: list = field(default_factory=list)


ACCOUNT_PAGES = ["account", "two_factor", "password_change", "notifications", "tasks"]

VISITS = [
    Visit(
        FAMILY_CENTRE,
        "practitioner",
        [
            "home",
            ("search", None, "q=Bunny"),
            "contacts",
            ("contacts", None, "q=Hollow"),
            "contact_new",
            "services_elsewhere",
            ("contact_detail", "child"),
            ("contact_history", "child"),
            ("household_detail", "household"),
            ("household_history", "household"),
            ("engagement_new", "child"),
            "engagements",
            ("engagement_detail", "engagement"),
            ("engagement_history", "engagement"),
            ("contact_notes", "child"),
            ("engagement_notes", "engagement"),
            ("contact_note_new", "child"),
            ("contact_call_log", "child"),
            # Not note_amend: the crawl's records outlive its 24 hours (same form as new).
            ("note_correct", "note"),
            ("note_history", "note"),
            ("contact_plans", "child"),
            ("engagement_plans", "engagement"),
            ("plan_new", "engagement"),
            ("plan_goal_new", "plan"),
            ("plan_goal_edit", "plan_goal"),
            ("plan_action_new", "plan_goal"),
            ("plan_action_edit", "plan_action"),
            ("plan_review_new", "plan"),
            ("plan_submit", "plan"),
            ("plan_history", "plan"),
            ("contact_assessments", "child"),
            ("engagement_assessments", "engagement"),
            ("assessment_detail", "assessment"),
            ("assessment_correct", "assessment"),
            ("contact_files", "child"),
            ("engagement_files", "engagement"),
            ("contact_file_new", "child"),
            ("file_remove", "client_file"),
            ("contact_photo", "child"),
            ("contact_incidents", "child"),
            ("contact_incident_new", "child"),
            ("incident_detail", "incident"),
            ("incident_correct", "incident"),
            ("incident_history", "incident"),
            "my_calendar",
            ("my_calendar", None, "view=day"),
            ("contact_events", "child"),
            ("engagement_events", "engagement"),
            ("contact_event_new", "child"),
            ("event_detail", "event"),
            ("event_edit", "event"),
            ("event_cancel", "event"),
            ("delivery_new", "engagement"),
            ("consultation_new", "engagement"),
            ("engagement_close", "engagement"),
            ("engagement_share", "engagement"),
            ("safeguarding_case_new", "engagement"),
            "deliveries_bulk",
            "safeguarding_cases",
            ("safeguarding_case", "safeguarding_case"),
            ("safeguarding_history", "safeguarding_case"),
            ("safeguarding_monitoring_new", "safeguarding_case"),
            ("safeguarding_submit", "safeguarding_case"),
            "manual_home",
            ("manual_search", None, "q=engagement"),
            *ACCOUNT_PAGES,
        ],
    ),
    Visit(
        FAMILY_CENTRE,
        "manager",
        [
            "home",
            "programmes",
            "reports",
            ("report_detail", "report_casework"),
            "exports",
            ("export_new", None, "dataset=deliveries"),
            ("safeguarding_case", "safeguarding_case"),
            ("safeguarding_threshold", "safeguarding_case"),
            "incident_types",
            ("contact_who_looked", "child"),
            ("engagement_who_looked", "engagement"),
            ("account_reads", "practitioner"),
            "access_settings",
            # A confidential note is read whole by a manager.
            ("contact_notes", "child"),
            "assessment_templates",
            ("assessment_template", "assessment_template"),
            "duplicates",
            ("merge_with", "child", "q=a"),
            "partner_calendar",
            "imports",
            "import_new",
            ("import_detail", "import_job"),
        ],
    ),
    Visit(
        FAMILY_CENTRE,
        "dsl",
        [
            "home",
            "safeguarding_settings",
            "plan_settings",
            "emergency_access_review",
            ("safeguarding_local_authority", "safeguarding_case"),
        ],
    ),
    Visit(
        FAMILY_CENTRE,
        "champion",
        [
            "home",
            "users",
            ("users", None, "q=Pr"),
            ("user_new", None, "q=Newcomer"),
            "users_history",
            ("user_detail", "practitioner"),
            ("user_edit", "practitioner"),
            ("user_reset", "practitioner"),
            "api_tokens",
            "roles",
            "role_new",
            "training",
            "webhooks",
            "account_security",
        ],
    ),
    Visit(
        SUPPORT_LINE,
        "call-handler",
        [
            "home",
            "callers",
            ("callers", None, "q=Ash"),
            "caller_new",
            ("caller_detail", "caller"),
            ("case_new", "caller"),
            ("support_case", "support_case"),
            ("case_support", "support_case"),
            *ACCOUNT_PAGES,
        ],
    ),
    Visit(
        SUPPORT_LINE,
        "data-team",
        [
            "home",
            "review_queue",
            ("review_case", "review_case"),
            ("support_case", "support_case"),
            "referrals_sent",
            ("referral_sent", "referral_sent"),
        ],
    ),
    Visit(
        FAMILY_CENTRE,
        "data-protection",
        [
            "home",
            "subject_access_list",
            ("subject_access_list", None, "q=Bunny"),
            ("contact_subject_access", "child"),
            "consent_settings",
            "emergency_access_review",
            "access_settings",
        ],
    ),
    Visit(
        SUPPORT_LINE,
        "data-protection",
        [("contact_subject_access", "caller"), ("contact_held", "caller")],
    ),
    Visit(
        BOROUGH,
        "data-protection",
        [("customer_subject_access", "customer"), ("customer_held", "customer")],
    ),
    Visit(
        SUPPORT_LINE,
        "supervisor",
        ["home", ("case_lawful_basis", "support_case"), ("case_who_looked", "support_case")],
    ),
    Visit(
        SUPPORT_LINE,
        "data-protection",
        [
            "retention",
            ("retention_rule", "retention_rule"),
            ("disposal_batch", "disposal_batch"),
            ("erasure_request", "caller"),
            ("retention_people", None, "q=Ash"),
            ("legal_hold_record", "hold_subject_case"),
            ("legal_hold_release", "legal_hold"),
        ],
    ),
    # Champions hold the data protection role's rights: the data-sharing agreements too.
    Visit(
        SUPPORT_LINE,
        "champion",
        [
            "directory_entry",
            "users",
            "agreements",
            "agreement_new",
            ("agreement_detail", "agreement"),
        ],
    ),
    # The partner asked: the accept and decline forms.
    Visit(PROVIDER, "data-protection", [("agreement_detail", "agreement")]),
    Visit(
        BOROUGH,
        "housing-officer",
        [
            "home",
            "customers",
            ("customers", None, "q=Marlow"),
            ("search", None, "q=Casey+Marlwo"),  # the header finds customers too
            ("customer_new", None, "first_name=Ann&last_name=Other&postcode=M1+1AE"),
            ("customer_detail", "customer"),
            ("customer_history", "customer"),
            ("customer_refer", "customer"),
            "reports",
            ("report_detail", "report_employment"),
            ("report_detail", "report_interest"),
            *ACCOUNT_PAGES,
        ],
    ),
    Visit(BOROUGH, "champion", ["customer_reasons", "users", ("customer_who_looked", "customer")]),
    Visit(
        PROVIDER,
        "adviser",
        [
            "home",
            "journeys",
            ("journey_provider", "journey"),
            ("appointment_status", "appointment"),
            "referral_inbox",
            ("referral_received", "referral_received"),
            # Accepted (its appointment is booked): the on hold and not completed forms.
            ("referral_received", "journey"),
            *ACCOUNT_PAGES,
        ],
    ),
    Visit(
        PROVIDER,
        "provider-manager",
        ["home", "journeys", "reports", ("report_detail", "report_employment")],
    ),
    Visit(
        PUBLIC,
        "platform-manager",
        [
            "home",
            "partner_new",
            ("partner_user_new", "crawl_slug"),
            "postcode_districts",
            ("postcode_districts", None, "q=M"),
            "console_directory",
            ("console_directory_change", "crawl_slug"),
            "console_external_services",
            "console_agreements",
            ("console_agreement", "platform_agreement"),
            "account",
            "password_change",
        ],
    ),
]
# Screens of one record the browser crawl does not open (a POST-only step, or a form its
# records' state does not link to): the cross-partner sweep (tests/test_url_cross_partner.py)
# asks for each directly, at the crawl's partner and at another of the same kind.
SCREENS_ASKED_DIRECTLY = [
    (FAMILY_CENTRE, "practitioner", ("engagement_edit", "engagement")),
    (FAMILY_CENTRE, "practitioner", ("safeguarding_action_correct", "monitoring_action")),
    (FAMILY_CENTRE, "manager", ("plan_decide", "plan")),
    (FAMILY_CENTRE, "manager", ("assessment_decide", "assessment")),
    (FAMILY_CENTRE, "manager", ("safeguarding_decide", "safeguarding_case")),
    (FAMILY_CENTRE, "manager", ("import_run", "import_job")),
    (FAMILY_CENTRE, "manager", ("safeguarding_decision_correct", "closure_decision")),
    (FAMILY_CENTRE, "manager", ("export_detail", "export")),
    (FAMILY_CENTRE, "manager", ("export_download", "export")),
    (FAMILY_CENTRE, "dsl", ("emergency_access_reviewed", "emergency_access")),
    (FAMILY_CENTRE, "champion", ("user_reactivate", "practitioner")),
    (FAMILY_CENTRE, "practitioner", ("group_session_detail", "group_session")),
    (FAMILY_CENTRE, "champion", ("problem_detail", "problem")),
    (SUPPORT_LINE, "call-handler", ("case_change", "support_case")),
    (SUPPORT_LINE, "call-handler", ("case_ready", "support_case")),
    (SUPPORT_LINE, "call-handler", ("case_verify", "support_case")),
    (SUPPORT_LINE, "call-handler", ("local_referral_change", "local_referral")),
    (BOROUGH, "housing-officer", ("customer_change", "customer")),
    # The records of tests/crawl_records.py: downloads, pictures, and forms no page read
    # by the crawl links to.
    (FAMILY_CENTRE, "practitioner", ("photo_image", "photo")),
    (FAMILY_CENTRE, "practitioner", ("photo_thumbnail", "photo")),
    (FAMILY_CENTRE, "practitioner", ("calendar_feed_ics", "calendar_feed")),
    (FAMILY_CENTRE, "practitioner", ("emergency_access_ask", "engagement_unseen")),
    (FAMILY_CENTRE, "practitioner", ("consultation_person_remove", "consultation_person")),
    (FAMILY_CENTRE, "manager", ("import_refused", "import_refused")),
    (FAMILY_CENTRE, "manager", ("contacts_merge", "duplicate_pair")),
    (FAMILY_CENTRE, "manager", ("contacts_unmerge", "merge")),
    (FAMILY_CENTRE, "champion", ("problem_screenshot", "problem_screenshot")),
    (FAMILY_CENTRE, "data-protection", ("subject_access_download", "subject_export")),
    (PROVIDER, "adviser", ("journey_step_correct", "outcome_step")),
    (BOROUGH, "champion", ("customer_duplicate_review", "customer_pair")),
    (BOROUGH, "champion", ("customers_merge", "customer_pair")),
    (BOROUGH, "champion", ("customers_unmerge", "customer_merge")),
]
# Pages read before signing in (on the family centre's domain).
ANONYMOUS_PAGES = ["login", ("invitation_accept", "spent_invitation")]


def crawl_partner(slug: str) -> Partner:
    """One of the crawl's partners, made the first time it is asked for."""
    partner = Partner.objects.filter(slug=slug).first()
    if partner is None:
        name, kind = PARTNERS[slug]
        partner = partner_create(actor=None, name=name, slug=slug, kind=kind)
    return partner


@dataclass(frozen=True)
class CrawlIds:
    """The ids of the crawl's records, by the key a visit names (`CrawlIds["contact"]`)."""

    values: dict

    def __getitem__(self, key):
        return self.values[key]


def _urlconf(partner_slug):
    return "config.urls_public" if partner_slug == PUBLIC else "config.urls_tenant"


def page_url(entry, ids, partner_slug) -> str:
    if isinstance(entry, str):
        entry = (entry,)
    name, key, query = (*entry, None, None)[:3]
    # A key may name several arguments (a hold's record: its type and id).
    args = (list(ids[key]) if isinstance(ids[key], tuple) else [ids[key]]) if key else []
    url = reverse(name, args=args, urlconf=_urlconf(partner_slug))
    return f"{url}?{query}" if query else url

"""Each demo role's home page: its panels and no others, the right counts for what is
seeded (scoped to what the user may see: someone else's work is not counted, another
partner's never), counts that lead to lists showing the same rows, and a number of
queries that does not grow with the rows."""

import re
from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casework.models import ContactKind, GroupSession, ServiceDelivery
from casework.safeguarding.services.cases import case_open
from casework.services.contacts import contact_create
from casework.services.engagements import engagement_open, programme_create, service_create
from customers.models import Appointment, StepKind
from customers.services.outcomes import outcome_step_record
from referrals.models import Referral
from referrals.services.cases import case_note_add, case_support_update
from referrals.services.exchange import local_referral_send
from referrals.services.review import case_return
from tenants.accounts.models import User
from tenants.models import Partner
from tests.casework.screens import user_with
from tests.clients import signed_in
from tests.customers.journey import a_customer, booking, inside, received_copy, refer
from tests.referrals.helpers import anonymous_caller, consented_caller, ready_case_with_food

TODAY = date.today()

PANELS = {
    ("alpha", "practitioner"): {
        "casework", "group-sessions", "safeguarding", "inbox", "plans", "events-today", "consent-reviews", "tasks", "my-problems"
    },
    ("alpha", "manager"): {
        "casework", "group-sessions", "safeguarding", "inbox", "plans", "incidents", "events-today", "consent-reviews", "tasks",
        "manual-approvals", "my-problems",
    },
    ("alpha", "champion"): {
        "casework", "group-sessions", "safeguarding", "inbox", "plans", "incidents", "events-today", "consent-reviews", "tasks",
        "manual-approvals", "manual-editor", "champion", "integrator", "data-protection",
        "my-problems",
    },
    ("alpha", "editor"): {"tasks", "manual-editor", "my-problems"},
    ("alpha", "integrator"): {
        "casework", "group-sessions", "safeguarding", "inbox", "plans", "incidents", "events-today", "consent-reviews", "tasks", "integrator",
        "my-problems",
    },
    ("beta", "data-protection"): {"data-protection", "tasks", "my-problems"},
    ("beta", "call-handler"): {"find-caller", "calls", "events-today", "consent-reviews", "tasks", "my-problems"},
    ("beta", "data-team"): {
        "find-caller", "calls", "review", "sent", "events-today", "consent-reviews", "tasks", "my-problems"
    },
    ("beta", "supervisor"): {
        "find-caller", "calls", "review", "sent", "supervision", "events-today", "consent-reviews", "tasks",
        "manual-approvals", "my-problems",
    },
    ("gamma-borough", "housing-officer"): {
        "find-customer", "customers", "borough-referrals", "inbox", "events-today", "consent-reviews", "tasks", "my-problems"
    },
    ("gamma-borough", "editor"): {"tasks", "manual-editor", "my-problems"},
    ("kappa", "adviser"): {"appointments", "inbox", "events-today", "consent-reviews", "tasks", "my-problems"},
    ("kappa", "provider-manager"): {
        "appointments", "inbox", "events-today", "consent-reviews", "tasks", "manual-approvals", "my-problems"
    },
    ("kappa", "integrator"): {"inbox", "events-today", "consent-reviews", "tasks", "integrator", "my-problems"},
}  # fmt: skip


def panels_on(html: str) -> set[str]:
    return set(re.findall(r'data-testid="panel-([a-z-]+)"', html))


def figure(html: str, key: str) -> tuple[int, str]:
    """(the count, the list it links to) of one figure."""
    match = re.search(
        rf'data-testid="figure-{key}"><a class="govuk-link" href="([^"]+)"><strong>(\d+)</strong>',
        html,
    )
    assert match, f"no figure {key}"
    return int(match.group(2)), match.group(1).replace("&amp;", "&")


def home_of(partner, user):
    client = signed_in(partner, user)
    response = client.get("/")
    assert response.status_code == 200
    connection.set_tenant(partner)
    return client, response.content.decode()


def listed(client, url, partner) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    connection.set_tenant(partner)
    return response.content.decode()


@pytest.mark.parametrize(("slug", "role"), list(PANELS))
def test_each_role_gets_its_panels_and_no_others(slug, role, borough):
    partner = Partner.objects.get(slug=slug)
    connection.set_tenant(partner)
    _, html = home_of(partner, User.objects.get(username=role))
    assert panels_on(html) == PANELS[(slug, role)]
    connection.set_schema_to_public()


# --- Family centre -----------------------------------------------------------------------


@pytest.fixture
def family_centre(partner_a):
    connection.set_tenant(partner_a)
    manager = user_with("manager")
    programme = programme_create(actor=manager, name="Workspace Families", code_prefix="WF")
    service = service_create(actor=manager, programme=programme, name="Stay and play")
    yield partner_a, programme, service
    connection.set_schema_to_public()


def a_child_engagement(practitioner, programme, name):
    child = contact_create(
        actor=practitioner,
        kind=ContactKind.CHILD,
        first_name=name,
        last_name="Workspace",
        date_of_birth=TODAY - timedelta(days=1200),
    )
    return engagement_open(
        actor=practitioner, contact=child, programme=programme, start_date=TODAY - timedelta(30)
    )


def a_concern(practitioner, engagement, *, threshold, days_ago):
    return case_open(
        actor=practitioner,
        engagement=engagement,
        threshold=threshold,
        description="Unexplained bruising",
        raised_with="Parent",
        actions_agreed="Monitor weekly",
        opened_on=TODAY - timedelta(days=days_ago),
    )


def test_family_centre_home_shows_todays_group_sessions_and_my_cases_due(family_centre):
    partner, programme, service = family_centre
    practitioner = user_with("practitioner")
    other = user_with("practitioner")
    mine = a_child_engagement(practitioner, programme, "Mira")
    theirs = a_child_engagement(other, programme, "Theo")
    a_concern(practitioner, mine, threshold="high", days_ago=8)  # overdue
    a_concern(practitioner, mine, threshold="low", days_ago=0)  # due in 21 days
    a_concern(other, theirs, threshold="high", days_ago=8)  # someone else's
    session = GroupSession.objects.create(
        service=service, date=TODAY, anonymous_attendees=3, recorded_by=practitioner
    )
    ServiceDelivery.objects.create(
        engagement=mine, service=service, date=TODAY, recorded_by=practitioner,
        group_session=session,
    )  # fmt: skip
    GroupSession.objects.create(
        service=service, date=TODAY - timedelta(days=1), recorded_by=practitioner
    )

    client, html = home_of(partner, practitioner)
    count, url = figure(html, "due")
    assert count == 1 and url == "/cases/?status=due"
    due_list = listed(client, url, partner)
    assert "Mira Workspace" in due_list and "Theo Workspace" not in due_list
    today = html.split('data-testid="group-sessions-today"', 1)[1].split("</ul>", 1)[0]
    assert today.count("<li>") == 1
    assert "Stay and play: 1 recorded by name, 3 more not named" in today
    # As today: my open engagements, and not a colleague's.
    engagements = html.split('data-testid="my-engagements"', 1)[1].split("</ul>", 1)[0]
    assert "Mira Workspace" in engagements and "Theo Workspace" not in engagements


# --- Support line ------------------------------------------------------------------------


@pytest.fixture
def support_line(partner_b, partner_c):
    connection.set_tenant(partner_b)
    yield partner_b
    connection.set_schema_to_public()


def test_call_handler_sees_own_cases_returned_cases_and_todays_callers(support_line):
    handler = user_with("call-handler")
    colleague = user_with("call-handler")
    data_team = user_with("data-team")
    returned, _ = ready_case_with_food(handler, consented_caller(handler, first_name="Robin"))
    case_return(actor=data_team, case=returned, comment="Please add the dietary needs.")
    ready_case_with_food(handler, consented_caller(handler, first_name="Sasha"))
    ready_case_with_food(colleague, consented_caller(colleague, first_name="Quinn"))

    client, html = home_of(support_line, handler)
    assert figure(html, "my-open-cases") == (2, "/support-cases/?show=mine")
    assert figure(html, "returned") == (1, "/support-cases/?show=returned")
    assert figure(html, "spoken-today") == (2, "/calls/?spoken=today")
    returned_panel = html.split('data-testid="returned-cases"', 1)[1].split("</dl>", 1)[0]
    assert "Please add the dietary needs." in returned_panel
    assert 'href="/calls/new/"' in html  # "Find or add a caller"

    mine = listed(client, "/support-cases/?show=mine", support_line)
    assert "2 cases" in mine and "Quinn" not in mine
    returned_list = listed(client, "/support-cases/?show=returned", support_line)
    assert "Please add the dietary needs." in returned_list
    callers = listed(client, "/calls/?spoken=today", support_line)
    assert "Robin" in callers and "Sasha" in callers and "Quinn" not in callers


def test_data_team_sees_the_queue_oldest_first_sent_by_status_and_late(support_line, partner_c):
    handler = user_with("call-handler")
    data_team = user_with("data-team")
    first, _ = ready_case_with_food(handler, consented_caller(handler, first_name="Ada"))
    second, _ = ready_case_with_food(handler, consented_caller(handler, first_name="Bo"))
    first.__class__.objects.filter(pk=first.pk).update(ready_at=timezone.now() - timedelta(days=3))
    # Two more sent on (a case leaves the queue once its referrals are all sent).
    _, local = ready_case_with_food(handler)
    local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    _, late_local = ready_case_with_food(handler)
    sent = local_referral_send(actor=data_team, local_referral=late_local, receiver=partner_c)
    Referral.objects.filter(pk=sent.pk).update(respond_by=timezone.now() - timedelta(hours=1))

    client, html = home_of(support_line, data_team)
    count, _ = figure(html, "review")
    assert count == 2
    oldest = html.split('data-testid="review-oldest"', 1)[1].split("</ul>", 1)[0]
    assert oldest.index(str(first.public_id)) < oldest.index(str(second.public_id))
    assert "waiting 3" in oldest  # "waiting 3 days"
    assert re.search(r'data-testid="sent-sent">2<', html)
    assert figure(html, "late") == (1, "/referrals/sent/?late=1")
    late_list = listed(client, "/referrals/sent/?late=1", support_line)
    assert late_list.count('data-testid="referral-status"') == 1
    by_status = listed(client, "/referrals/sent/?status=sent", support_line)
    assert by_status.count('data-testid="referral-status"') == 2


def test_supervisor_sees_safeguarding_activated_and_lawful_basis_waiting(support_line):
    handler = user_with("call-handler")
    supervisor = user_with("supervisor")
    caller = consented_caller(handler, first_name="Kit")
    case, _ = ready_case_with_food(handler, caller)
    from referrals.services.cases import case_create

    flagged = case_create(actor=handler, caller=caller, title="Worried about a child")
    case_support_update(
        actor=handler,
        case=flagged,
        psychosocial_support=False,
        safeguarding_activated=True,
        safeguarding_reason="Disclosure during the call",
        feedback_consent=False,
    )
    ready_case_with_food(handler, anonymous_caller(handler))  # no consent, no lawful basis

    client, html = home_of(support_line, supervisor)
    assert figure(html, "safeguarding") == (1, "/support-cases/?show=safeguarding")
    assert "Disclosure during the call" in html
    assert figure(html, "lawful-basis") == (1, "/support-cases/?show=lawful-basis")
    lawful = listed(client, "/support-cases/?show=lawful-basis", support_line)
    assert "1 case" in lawful
    # Call handlers have neither list.
    handler_client = signed_in(support_line, handler)
    assert handler_client.get("/support-cases/?show=lawful-basis").status_code == 403
    connection.set_tenant(support_line)
    # The consented caller's ready case needs no lawful basis: it is not in that list.
    assert str(case.public_id) not in lawful


# --- Borough and provider ----------------------------------------------------------------


@pytest.fixture
def journeys(borough, partner_c):
    """At gamma: an officer with two customers referred to kappa (one a direct booking for
    today), a colleague with two. At kappa: the adviser's appointment today, a missed one
    without a status, a referral waiting for a booking, a step recorded."""
    connection.set_tenant(borough)
    w = type("World", (), {})()
    w.officer = user_with("housing-officer")
    w.colleague = user_with("housing-officer")
    w.mine = refer(w.officer, a_customer(w.officer, first_name="Ann", housing_reference="G1"),
                   partner_c)  # fmt: skip
    w.booked = refer(
        w.officer,
        a_customer(w.officer, first_name="Ben", housing_reference="G2"),
        partner_c,
        booking(days=0),
    )
    w.theirs = refer(
        w.colleague, a_customer(w.colleague, first_name="Cal", housing_reference="G3"), partner_c
    )
    w.waiting = refer(
        w.colleague, a_customer(w.colleague, first_name="Dee", housing_reference="G4"), partner_c
    )
    with inside(partner_c):
        w.adviser = user_with("adviser")
        w.other_adviser = user_with("adviser")
        w.manager = user_with("provider-manager")
        ann = received_copy(partner_c, w.mine)
        Appointment.objects.create(
            referral=ann, on=TODAY, at=time(9, 30), adviser=w.adviser, place="Hub",
            booked_by_name="Test",
        )  # fmt: skip
        Appointment.objects.create(
            referral=ann, on=TODAY - timedelta(days=2), at=time(9, 30), adviser=w.adviser,
            place="Hub", booked_by_name="Test",
        )  # fmt: skip
        Appointment.objects.create(
            referral=received_copy(partner_c, w.theirs), on=TODAY, at=time(11, 0),
            adviser=w.other_adviser, place="Library", booked_by_name="Test",
        )  # fmt: skip
        outcome_step_record(
            actor=w.adviser, referral=ann, kind=StepKind.FIRST_ATTENDED, on=TODAY, details={}
        )
    yield w
    connection.set_schema_to_public()


def test_housing_officer_sees_own_open_journeys_and_referrals_waiting(journeys, borough):
    w = journeys
    client, html = home_of(borough, w.officer)
    assert figure(html, "open-journeys") == (2, "/customers/?show=open-journeys")
    panel = html.split('data-testid="open-journeys"', 1)[1].split("</dl>", 1)[0]
    assert "Ann" in panel and "First appointment attended" in panel and "Cal" not in panel
    # Partner-wide: the referrals the provider has not answered yet (a booking accepts
    # one: Ann's and the other officer's are booked, so two of the four still wait).
    assert figure(html, "waiting-provider") == (2, "/referrals/sent/?status=sent")
    assert figure(html, "booked-today") == (1, "/referrals/sent/?booked=today")
    customers = listed(client, "/customers/?show=open-journeys", borough)
    assert "Ann" in customers and "Ben" in customers and "Cal" not in customers
    booked = listed(client, "/referrals/sent/?booked=today", borough)
    assert booked.count('data-testid="referral-status"') == 1
    assert 'href="/customers/new/"' in html  # "Find or add a customer"


def test_adviser_sees_own_appointments_and_manager_the_team_by_adviser(journeys, partner_c):
    w = journeys
    connection.set_tenant(partner_c)
    client, html = home_of(partner_c, w.adviser)
    assert figure(html, "today") == (1, "/employment/appointments/?show=today")
    assert figure(html, "missing") == (1, "/employment/appointments/?show=missing")
    assert figure(html, "waiting-booking") == (1, "/employment/?waiting=booking")
    steps = html.split('data-testid="latest-steps"', 1)[1].split("</ul>", 1)[0]
    assert "Ann" in steps and "First appointment attended" in steps
    today = html.split('data-testid="appointments-today"', 1)[1].split("</ul>", 1)[0]
    assert "Ann" in today and "Cal" not in today
    waiting = listed(client, "/employment/?waiting=booking", partner_c)
    assert "Dee" in waiting and "Ben" not in waiting  # a direct booking came with its own
    missing = listed(client, "/employment/appointments/?show=missing", partner_c)
    assert "1 appointment with you" in missing

    connection.set_tenant(partner_c)
    _, team = home_of(partner_c, w.manager)
    # Ben's direct booking is for today too, with no adviser account named.
    assert figure(team, "today")[0] == 3
    assert figure(team, "missing")[0] == 1
    table = team.split('data-testid="team-by-adviser"', 1)[1].split("</table>", 1)[0]
    assert w.adviser.get_full_name() in table


# --- Nothing the role may not see; constant queries ---------------------------------------


@pytest.mark.security
def test_another_partners_work_never_reaches_a_home_page(journeys, borough, partner_b):
    """Gamma's customers and kappa's appointments are counted only at home."""
    connection.set_tenant(partner_b)
    handler = user_with("call-handler")
    _, html = home_of(partner_b, handler)
    for name in ("Ann", "Ben", "Cal"):
        assert f"{name} Okafor" not in html
    connection.set_tenant(borough)
    _, colleague_home = home_of(borough, journeys.colleague)
    assert figure(colleague_home, "open-journeys")[0] == 2


def _queries_for_home(partner, user) -> int:
    client = signed_in(partner, user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    connection.set_tenant(partner)
    return len(queries)


def test_home_page_queries_do_not_grow_with_the_rows(support_line, partner_c):
    handler = user_with("call-handler")
    supervisor = user_with("supervisor")
    data_team = user_with("data-team")

    def more(n):
        for _ in range(n):
            case, _ = ready_case_with_food(handler)
            case_note_add(actor=handler, case=case, text="Called back.")
        returned, _ = ready_case_with_food(handler)
        case_return(actor=data_team, case=returned, comment="More detail, please.")

    more(2)
    small = {who.pk: _queries_for_home(support_line, who) for who in (handler, supervisor)}
    more(8)
    large = {who.pk: _queries_for_home(support_line, who) for who in (handler, supervisor)}
    assert large == small


def test_provider_and_borough_home_queries_do_not_grow_with_the_rows(journeys, borough, partner_c):
    w = journeys

    def more(n):
        connection.set_tenant(borough)
        for i in range(n):
            sent = refer(
                w.officer,
                a_customer(w.officer, first_name=f"Extra{i}", housing_reference=f"GX{i}{n}"),
                partner_c,
                booking(days=0),
            )
            with inside(partner_c):
                copy = received_copy(partner_c, sent)
                Appointment.objects.filter(referral=copy).update(adviser=w.adviser)
                outcome_step_record(
                    actor=w.adviser,
                    referral=copy,
                    kind=StepKind.FIRST_ATTENDED,
                    on=TODAY,
                    details={},
                )

    def counts():
        connection.set_tenant(partner_c)
        found = [_queries_for_home(partner_c, who) for who in (w.adviser, w.manager)]
        connection.set_tenant(borough)
        return [*found, _queries_for_home(borough, w.officer)]

    more(1)
    small = counts()
    more(6)
    assert counts() == small


def test_family_centre_home_queries_do_not_grow_with_the_rows(family_centre):
    partner, programme, service = family_centre
    practitioner = user_with("practitioner")
    manager = User.objects.get(username="manager")

    def more(n):
        for i in range(n):
            engagement = a_child_engagement(practitioner, programme, f"Kid{n}x{i}")
            a_concern(practitioner, engagement, threshold="high", days_ago=8)
            session = GroupSession.objects.create(
                service=service, date=TODAY, anonymous_attendees=1, recorded_by=practitioner
            )
            ServiceDelivery.objects.create(
                engagement=engagement,
                service=service,
                date=TODAY,
                recorded_by=practitioner,
                group_session=session,
            )

    more(1)
    small = [_queries_for_home(partner, who) for who in (practitioner, manager)]
    more(6)
    assert [_queries_for_home(partner, who) for who in (practitioner, manager)] == small


def test_the_data_protection_officer_opens_on_what_waits_for_them(partner_b):
    """The retention list waiting for confirmation, bundles, agreements to answer and
    emergency access to review: each a figure linking to where it is done."""
    from privacy.retention.services import batch_prepare

    connection.set_tenant(partner_b)
    officer = User.objects.get(username="data-protection")
    _, before = home_of(partner_b, officer)
    assert 'data-testid="figure-retention-due"' in before
    batch = batch_prepare(actor=officer)
    _, html = home_of(partner_b, officer)
    assert f'href="/privacy/retention/batches/{batch.public_id}/"' in html
    assert figure(html, "agreements-to-answer") == (0, "/agreements/")
    assert figure(html, "grants-to-review")[1] == "/emergency-access/"
    assert figure(html, "exports-ready") == (0, "/subject-access/")
    connection.set_schema_to_public()

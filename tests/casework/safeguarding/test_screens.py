"""The safeguarding screens: what they show, their messages, and the reads log."""

from datetime import date, timedelta

import pytest
import time_machine

from casework.safeguarding.models import SafeguardingCase, SafeguardingSettings
from casework.safeguarding.selectors import READ_ACTION
from casework.services.engagements import engagement_close
from tenants.accounts.models import AuditEntry
from tests.casework.safeguarding.helpers import raise_concern
from tests.casework.screens import body, today_text
from tests.clients import signed_in
from tests.searching import searched

# As in production: the case screens run as the application role (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("as_app_role")


def test_the_new_case_screen_shows_the_guidance_and_names_missing_fields(world):
    client = signed_in(world.partner, world.owner)
    url = f"/engagements/{world.engagement.public_id}/cases/new/"
    page = body(client.get(url))
    assert "significant harm" in page and "Early intervention" in page
    assert "Always speak to your line manager" in page
    response = client.post(url, {"threshold": "", "opened_on": "31/2/2026", "description": ""})
    page = body(response)
    assert response.status_code == 200 and SafeguardingCase.objects.count() == 0
    for message in (
        "Choose High or Low",
        "Enter a real date for “date the concern was raised”",
        "Describe the concern.",
        "Say who the concern was raised with",
        "Say what actions have been agreed.",
    ):
        assert message in page, message


def test_raising_a_concern_from_the_engagement(world):
    client = signed_in(world.partner, world.owner)
    engagement_page = body(client.get(f"/engagements/{world.engagement.public_id}/"))
    assert "New safeguarding case" in engagement_page
    response = client.post(
        f"/engagements/{world.engagement.public_id}/cases/new/",
        {
            "threshold": "high",
            "opened_on": today_text(),
            "description": "Said they were hit at home",
            "raised_with": "Dana Lead, manager, DSL",
            "actions_agreed": "DSL to call children's services",
        },
        follow=True,
    )
    case = SafeguardingCase.objects.get()
    page = body(response)
    assert f"Safeguarding case {case.reference} has been recorded." in page
    assert "Said they were hit at home" in page and "7 days (High)" in page
    assert case.reference in body(client.get(f"/engagements/{world.engagement.public_id}/"))
    home = body(client.get("/"))
    # The owner's task, titled with the case and the child's initials.
    assert f"{case.reference}: new safeguarding case for S. B." in home


def test_a_closed_engagement_takes_no_new_case_on_screen(world):
    engagement_close(actor=world.owner, engagement=world.engagement, closed_on=date.today())
    client = signed_in(world.partner, world.owner)
    assert "New safeguarding case" not in body(
        client.get(f"/engagements/{world.engagement.public_id}/")
    )
    response = client.post(
        f"/engagements/{world.engagement.public_id}/cases/new/",
        {
            "threshold": "low",
            "opened_on": today_text(),
            "description": "x",
            "raised_with": "x",
            "actions_agreed": "x",
        },
    )
    assert "This engagement is closed" in body(response)
    assert SafeguardingCase.objects.count() == 0


def test_home_and_list_mark_due_and_overdue(world):
    with time_machine.travel(date.today() - timedelta(days=10), tick=False):
        overdue = raise_concern(world.owner, world.engagement, threshold="high")
    with time_machine.travel(date.today() - timedelta(days=6), tick=False):
        due = raise_concern(world.owner, world.engagement, threshold="high")
    calm = raise_concern(world.owner, world.engagement, threshold="low")
    client = signed_in(world.partner, world.owner)
    for url in ("/", "/cases/"):
        page = body(client.get(url))
        for case in (overdue, due, calm):
            assert case.reference in page
        assert 'data-testid="overdue">Overdue since' in page
        assert 'data-testid="due">Due' in page
    assert "My safeguarding cases" in body(client.get("/"))


def test_the_case_list_query_count_does_not_grow_with_cases(world, django_assert_max_num_queries):
    for _ in range(3):
        raise_concern(world.owner, world.engagement)
    client = signed_in(world.partner, world.manager)
    with django_assert_max_num_queries(30) as few:
        client.get("/cases/?who=all")
    for _ in range(10):
        raise_concern(world.owner, world.engagement)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert body(client.get("/cases/?who=all")).count("SG-") >= 13


def test_every_read_is_logged_and_managers_see_the_log(world):
    case = raise_concern(world.owner, world.engagement, description="Secret")
    owner = signed_in(world.partner, world.owner)
    page = body(owner.get(f"/cases/{case.public_id}/"))
    assert "Who has read this case" not in page
    owner.get(f"/cases/{case.public_id}/monitoring/new/")
    manager = signed_in(world.partner, world.manager)
    page = body(manager.get(f"/cases/{case.public_id}/"))
    assert "Who has read this case" in page
    assert page.count(world.owner.username) == 2 and world.manager.username in page
    reads = AuditEntry.objects.filter(target_public_id=case.public_id, action=READ_ACTION)
    assert reads.count() == 3
    # Not in the user-administration history a champion reads.
    champion_history = AuditEntry.objects.exclude(action__startswith="safeguarding.")
    assert not champion_history.filter(target_public_id=case.public_id).exists()


def test_the_submit_screen_preselects_the_line_manager_and_lists_only_approvers(world):
    case = raise_concern(world.owner, world.engagement)
    client = signed_in(world.partner, world.owner)
    page = body(client.get(f"/cases/{case.public_id}/submit/"))
    assert f'value="{world.manager.public_id}" selected' in page
    assert str(world.dsl.public_id) in page
    assert str(world.other.public_id) not in page and str(world.owner.public_id) not in page
    response = client.post(
        f"/cases/{case.public_id}/submit/",
        {"comment": "", "approver": str(world.other.public_id)},
    )
    page = body(response)
    assert "Say why the case can close" in page
    assert "Choose a manager or safeguarding lead from the list." in page


def test_deciding_without_a_pending_request_says_so(world):
    case = raise_concern(world.owner, world.engagement)
    client = signed_in(world.partner, world.manager)
    response = client.get(f"/cases/{case.public_id}/decide/", follow=True)
    assert "no closure request waiting for a decision" in body(response)


def test_the_escalation_setting_names_the_rule(world):
    client = signed_in(world.partner, world.dsl)
    assert "Safeguarding settings" in body(client.get("/cases/"))
    for value, message in (("0", "from 1 to 60"), ("abc", "whole number of days"), ("", "1 to 60")):
        page = body(client.post("/cases/settings/", {"escalation_days": value}))
        assert message in page, value
    assert SafeguardingSettings.objects.get().escalation_days == 3
    client.post("/cases/settings/", {"escalation_days": "5"})
    assert SafeguardingSettings.objects.get().escalation_days == 5


def test_the_case_screen_query_count_does_not_grow_with_its_history(
    world, django_assert_max_num_queries
):
    from casework.safeguarding.services.cases import monitoring_action_add
    from casework.safeguarding.services.closure import (
        closure_request_decide,
        closure_request_submit,
    )

    case = raise_concern(world.owner, world.engagement)

    def grow():
        monitoring_action_add(
            actor=world.owner, case=case, actions_taken="a", taken_by="b", rationale="c"
        )
        request = closure_request_submit(
            actor=world.owner, case=case, approver=world.manager, comment="d"
        )
        closure_request_decide(actor=world.manager, request=request, approve=False, comment="e")

    grow()
    client = signed_in(world.partner, world.manager)
    with django_assert_max_num_queries(40) as few:
        client.get(f"/cases/{case.public_id}/")
    for _ in range(5):
        grow()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = body(client.get(f"/cases/{case.public_id}/"))
    assert page.count("Rejected by") == 6


def test_local_authority_and_threshold_screens_name_the_rule(world):
    case = raise_concern(world.owner, world.engagement, threshold="high")
    dsl = signed_in(world.partner, world.dsl)
    url = f"/cases/{case.public_id}/local-authority/"
    page = body(dsl.post(url, {"notified": "yes", "notified_on": ""}))
    assert "Enter the date the local authority was notified." in page
    page = body(dsl.post(url, {"notified": "yes", "notified_on": "1/1/2001"}))
    assert "cannot be before the concern was raised" in page
    case.refresh_from_db()
    assert not case.la_notified
    response = dsl.post(url, {"notified": "yes", "notified_on": today_text()}, follow=True)
    assert "Yes, on" in body(response) and world.dsl.get_full_name() in body(response)
    owner = signed_in(world.partner, world.owner)
    page = body(owner.post(f"/cases/{case.public_id}/threshold/", {"threshold": "high"}))
    assert "The threshold is already High." in page
    response = owner.post(f"/cases/{case.public_id}/threshold/", {"threshold": "low"}, follow=True)
    assert "The threshold is now Low." in body(response) and "21 days (Low)" in body(response)


def test_the_header_search_finds_cases_the_user_may_see(world):
    case = raise_concern(world.owner, world.engagement)
    owner = signed_in(world.partner, world.owner)
    for query in (case.reference, f"{case.number:02d}", f"sg-{case.number}", "Bunny"):
        page = body(searched(owner, "/search/", q=query))
        assert f"/cases/{case.public_id}/" in page, query
    other = signed_in(world.partner, world.other)
    assert f"/cases/{case.public_id}/" not in body(searched(other, "/search/", q=case.reference))


def test_the_case_history_shows_each_change_with_who_made_it(world):
    from casework.safeguarding.services.cases import (
        case_change_threshold,
        case_record_la_notification,
    )

    case = raise_concern(world.owner, world.engagement, threshold="high")
    case_change_threshold(actor=world.manager, case=case, threshold="low")
    case_record_la_notification(actor=world.dsl, case=case, notified=True, notified_on=date.today())
    dsl = signed_in(world.partner, world.dsl)
    page = body(dsl.get(f"/cases/{case.public_id}/history/"))
    assert "High → Low" in page.replace("\n", " ")
    assert world.manager.full_name in page and world.dsl.full_name in page
    # Reading the history is a read of the case: it is logged like the case screen.
    reads = AuditEntry.objects.filter(target_public_id=case.public_id, action=READ_ACTION)
    assert reads.filter(actor_username=world.dsl.username).count() == 1

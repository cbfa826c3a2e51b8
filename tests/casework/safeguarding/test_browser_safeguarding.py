"""In a real browser, at a family centre: a practitioner raises a High concern in a
child's engagement, adds a monitoring action and submits the case for approval to
their line manager (pre-selected); the manager sees the bell, approves, and the case
is closed while the engagement stays open.

The child and the engagement are committed from a thread of their own (the server
sees only committed data), in the partner kept for such data."""

import uuid
from datetime import date, timedelta

import pytest

from casework.models import Programme
from tenants.accounts.models import User
from tests.browser_helpers import sign_in
from tests.casework.safeguarding.helpers import committed
from tests.casework.screens import new_child, new_engagement

pytestmark = pytest.mark.browser


def prepare(tag):
    practitioner = User.objects.get(username="practitioner")
    manager = User.objects.get(username="manager")
    practitioner.line_manager = manager
    practitioner.job_title = "Family support worker"
    practitioner.save(update_fields=["line_manager", "job_title"])
    programme = Programme.objects.create(name=f"Nurture {tag}", code_prefix=f"N{tag[:4]}")
    child = new_child(practitioner, first="Robin", last=f"Concern{tag}")
    engagement = new_engagement(
        practitioner, child, programme, start_date=date.today() - timedelta(days=20)
    )
    return engagement.public_id


def test_raise_monitor_submit_approve(browser, portal_server, browser_partner):
    tag = uuid.uuid4().hex[:8]
    engagement_id = committed(browser_partner, lambda: prepare(tag))
    base = f"http://{browser_partner.slug}.{portal_server}"

    page = browser.new_context(viewport={"width": 390, "height": 900}).new_page()
    sign_in(page, base, "practitioner")
    page.goto(f"{base}/engagements/{engagement_id}/")
    page.get_by_role("link", name="New safeguarding case").click()
    assert "significant harm" in page.get_by_test_id("guidance-high").inner_text()
    page.get_by_label("High").check()
    page.get_by_label("Description of the concern").fill(f"Disclosed being hit {tag}")
    page.get_by_label("Who the concern was raised with").fill("Manager, DSL")
    page.get_by_label("Actions agreed").fill("DSL to call the duty team")
    page.get_by_role("button", name="Record the case").click()
    page.get_by_text("has been recorded").wait_for()
    case_url = page.url
    assert "7 days (High)" in page.get_by_test_id("clock").inner_text()

    page.get_by_role("link", name="Add a monitoring action").click()
    page.get_by_label("Actions taken").fill(f"Met mum {tag}")
    page.get_by_label("Taken by").fill("Family support worker and mum")
    page.get_by_label("Rationale").fill("Agreed plan followed")
    page.get_by_role("button", name="Add monitoring action").click()
    page.get_by_text("The monitoring action has been added.").wait_for()
    actions = page.get_by_test_id("monitoring-actions").inner_text()
    assert f"Met mum {tag}" in actions and "Family support worker" in actions

    page.get_by_role("link", name="Submit for approval").click()
    approver = page.get_by_label("Approver")
    assert "Manager" in approver.locator("option:checked").inner_text()  # pre-selected
    page.get_by_label("Why the case can close").fill("All agreed actions done")
    page.get_by_role("button", name="Submit for approval").click()
    page.get_by_text("The closure request has been sent to").wait_for()
    assert page.get_by_test_id("case-status").inner_text() == "Closure pending"
    page.context.close()

    manager = browser.new_context().new_page()
    sign_in(manager, base, "manager")
    assert manager.get_by_test_id("bell-count").inner_text().strip() != ""
    manager.get_by_test_id("bell").click()
    manager.get_by_text("closure request to decide").first.wait_for()
    manager.goto(case_url)
    manager.get_by_role("link", name="Approve or reject closure").click()
    manager.get_by_label("Approve: close the case").check()
    manager.get_by_label("Comment").fill("Agreed, well monitored")
    manager.get_by_role("button", name="Save decision").click()
    manager.get_by_text("Closure approved.").wait_for()
    assert manager.get_by_test_id("case-status").inner_text() == "Closed"
    history = manager.get_by_test_id("approval-history").inner_text()
    assert "Approved by" in history and "Agreed, well monitored" in history
    assert "Who has read this case" in manager.content()

    manager.get_by_role("link", name="The engagement").click()
    assert manager.get_by_test_id("stage").inner_text() == "In progress"
    assert "Closed" in manager.get_by_test_id("safeguarding-cases").inner_text()
    manager.context.close()

"""In a real browser: a manager adds a programme and a service; a practitioner searches,
creates a child, opens an engagement, records a delivery and a group session, and sees
both on the engagement. The server runs in its own threads and sees only committed data,
so everything goes through the browser, in a partner kept for such committed data
(tests.conftest.browser_partner) so that no other test sees it."""

import uuid
from datetime import date, timedelta

import pytest

from tests.browser_helpers import programme_with_service, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def tag(db):
    return uuid.uuid4().hex[:8]


def test_practitioner_records_casework_end_to_end(tag, browser, portal_server, browser_partner):
    base = f"http://{browser_partner.slug}.{portal_server}"
    prefix = f"T{tag[:4]}"
    programme_name = f"Play {tag}"

    programme_with_service(browser, base, programme_name, prefix, "Stay and play")

    page = browser.new_context(viewport={"width": 320, "height": 800}).new_page()
    sign_in(page, base, "practitioner")
    page.get_by_role("link", name="Contacts").click()
    page.get_by_role("link", name="Add a contact").click()
    born = date.today() - timedelta(days=4 * 365)
    page.locator("#find_first_name").fill("Robin")
    page.locator("#find_last_name").fill(f"Tester{tag}")
    page.locator("#find_date_of_birth").fill(f"{born.day}/{born.month}/{born.year}")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    page.get_by_test_id("create-new").click()
    page.get_by_label("Child", exact=True).check()
    assert page.locator("#id_first_name").input_value() == "Robin"  # carried over
    page.get_by_label("Address line 1").fill("1 Browser Lane")
    page.locator("#id_postcode").fill("sw1a 1aa")
    page.get_by_label("Alerts").fill("Egg allergy")
    page.get_by_role("button", name="Create contact").click()
    assert "Egg allergy" in page.get_by_test_id("alerts").inner_text()
    assert page.get_by_role("heading", level=1).inner_text().endswith(f"Robin Tester{tag}")

    page.get_by_role("link", name="Open an engagement").click()
    page.get_by_label("Programme").select_option(label=programme_name)
    page.get_by_role("button", name="Open engagement").click()
    page.get_by_text("has been opened").wait_for()
    engagement_url = page.url

    page.get_by_role("link", name="Record a delivery").click()
    page.get_by_label("Find a service").fill(prefix)
    page.get_by_role("button", name="Find services").click()
    page.get_by_label("Service", exact=True).select_option(label=f"{prefix}: Stay and play")
    page.get_by_label("Duration in minutes").fill("45")
    page.get_by_label("Summary").fill("Built a tower")
    page.get_by_role("button", name="Record delivery").click()
    page.get_by_text("The service delivery has been recorded.").wait_for()

    page.get_by_role("link", name="Group session").click()
    page.get_by_label("Find a service").fill(prefix)
    page.get_by_role("button", name="Find services").click()
    page.get_by_label("Service", exact=True).select_option(label=f"{prefix}: Stay and play")
    page.get_by_label("Attendees not recorded by name").fill("3")
    row = page.get_by_test_id("row-1")
    choice = row.locator("select").first.locator("option", has_text=f"Tester{tag}")
    row.locator("select").first.select_option(value=choice.get_attribute("value"))
    row.get_by_label("Summary").fill("Group painting")
    # More rows keep what was entered (the form posts; no script needed).
    page.get_by_role("button", name="Add 10 more rows").click()
    page.get_by_test_id("row-20").wait_for()
    assert page.get_by_test_id("row-1").get_by_label("Summary").input_value() == "Group painting"
    page.get_by_role("button", name="Record deliveries").click()
    page.get_by_text("1 service delivery recorded").wait_for()

    page.goto(engagement_url)
    deliveries = page.get_by_test_id("deliveries").inner_text()
    assert "Built a tower" in deliveries and "Group painting" in deliveries
    assert deliveries.count(f"{prefix}: Stay and play") == 2

    # The History tab: who did what, newest first, in people's words.
    page.get_by_test_id("history-tab").click()
    history = page.get_by_test_id("history").inner_text()
    assert history.index("Service delivery added") < history.index("Engagement added")
    assert "Group painting" in history and "Built a tower" in history
    page.goto(engagement_url)

    # Help on the engagement screen opens the manual's engagement topic (issue 7).
    page.get_by_test_id("help-link").click()
    page.wait_for_url("**/manual/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Engagements"
    page.context.close()

"""In a real browser, 320 px wide: a practitioner logs a call from a child's record and
writes a confidential note; the Notes tab counts and lists both, and a manager reads the
confidential note. (Who may not read it is proven over HTTP in test_notes.)"""

import uuid
from datetime import date, timedelta

import pytest

from tests.browser_helpers import sign_in

pytestmark = pytest.mark.browser


def test_practitioner_logs_a_call_and_writes_a_confidential_note(
    browser, portal_server, browser_partner
):
    tag = uuid.uuid4().hex[:8]
    base = f"http://{browser_partner.slug}.{portal_server}"
    page = browser.new_context(viewport={"width": 320, "height": 800}).new_page()
    sign_in(page, base, "practitioner")
    born = date.today() - timedelta(days=4 * 365)
    page.goto(f"{base}/contacts/new/?create=1")
    page.get_by_label("Child", exact=True).check()
    page.locator("#id_first_name").fill("Nola")
    page.locator("#id_last_name").fill(f"Noted{tag}")
    page.locator("#id_date_of_birth").fill(f"{born.day}/{born.month}/{born.year}")
    page.get_by_role("button", name="Create contact").click()
    page.get_by_text("has been added").wait_for()

    # The activity panel: a call in two fields, from the record itself.
    page.get_by_text("Log a call", exact=True).click()
    page.get_by_label("What the call was about").fill("Dad rang about pick-up")
    page.get_by_label("What was said").fill("Grandma collects on Thursday.")
    page.get_by_role("button", name="Log the call").click()
    page.get_by_text("The call has been logged.").wait_for()
    notes = page.get_by_test_id("notes").inner_text()
    assert "Dad rang about pick-up" in notes and "Grandma collects on Thursday." in notes

    page.get_by_role("link", name="Add a note").click()
    page.get_by_label("Visit", exact=True).check()
    page.get_by_label("Duration in minutes").fill("40")
    page.get_by_label("Summary").fill("Worry shared in confidence")
    page.get_by_label("Note", exact=True).fill(f"Words only a few may read {tag}")
    page.get_by_label("Confidential", exact=False).check()
    page.get_by_role("button", name="Add the note").click()
    page.get_by_text("The note has been added.").wait_for()
    assert "Notes (2)" in page.get_by_test_id("notes-tab").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    notes_url = page.url
    page.context.close()

    manager = browser.new_context().new_page()
    sign_in(manager, base, "manager")
    manager.goto(notes_url)
    assert f"Words only a few may read {tag}" in manager.get_by_test_id("notes").inner_text()
    manager.context.close()

"""In a real browser, 320 px wide: a family-centre practitioner corrects a child's date of
birth with a reason, fixes a relationship recorded the wrong way (removed with a reason,
the right one added) and removes a session recorded in error; the History tabs show all
three, in people's words, with the reasons and who made them. Everything goes through the browser (the
server sees only committed data), in the partner kept for it (tests.conftest)."""

import uuid
from datetime import date, timedelta

import pytest

from tests.browser_helpers import programme_with_service, sign_in

pytestmark = pytest.mark.browser


def dmy(day: date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def test_practitioner_corrects_a_date_of_birth_a_relationship_and_a_wrong_session(
    browser, portal_server, browser_partner
):
    tag = uuid.uuid4().hex[:8]
    base = f"http://{browser_partner.slug}.{portal_server}"
    prefix = f"E{tag[:4]}"
    programme_name = f"Edits {tag}"

    programme_with_service(browser, base, programme_name, prefix, "Nursery")

    page = browser.new_context(viewport={"width": 320, "height": 800}).new_page()
    sign_in(page, base, "practitioner")
    wrong_born = date.today() - timedelta(days=3 * 365)
    page.goto(f"{base}/contacts/new/?create=1")
    page.get_by_label("Child", exact=True).check()
    page.locator("#id_first_name").fill("Ada")
    page.locator("#id_last_name").fill(f"Fixer{tag}")
    page.locator("#id_date_of_birth").fill(dmy(wrong_born))
    page.get_by_role("button", name="Create contact").click()
    page.get_by_text("has been added").wait_for()
    contact_url = page.url

    # The date of birth was typed wrong: its "Change" link, a reason, saved.
    page.get_by_role("link", name="Change date of birth").click()
    right_born = wrong_born - timedelta(days=40)
    page.locator("#id_date_of_birth").fill(dmy(right_born))
    page.get_by_role("button", name="Save changes").click()
    # A child's date of birth needs a reason: the error summary leads to the field.
    page.get_by_role("link", name="Say why you are making this change").click()
    page.get_by_label("Reason for the change").fill("Birth certificate seen")
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text("details have been changed").wait_for()
    details = page.get_by_test_id("details").inner_text()
    assert right_born.strftime("%-d %B %Y") in details

    # Kate was recorded as Ada's father: removed with a reason, and the right one added.
    page.goto(f"{base}/contacts/new/?create=1")
    page.get_by_label("Adult", exact=True).check()
    page.locator("#id_first_name").fill("Kate")
    page.locator("#id_last_name").fill(f"Fixer{tag}")
    page.locator("#id_pronouns").fill("she/her")
    page.get_by_role("button", name="Create contact").click()
    page.get_by_text("has been added").wait_for()
    kate = f"Kate Fixer{tag}"

    def relate(kind):
        page.goto(contact_url)
        page.get_by_text("Add a relationship").click()
        page.locator("#id_rq").fill(f"Kaet Fixer{tag}")  # a slip, found as it is typed
        option = page.locator("#id_other option", has_text=kate)
        option.wait_for(state="attached")
        page.locator("#id_other").select_option(label=option.inner_text())
        page.locator("#id_kind").select_option(kind)
        page.get_by_role("button", name="Add relationship").click()
        page.get_by_text(f"Recorded: {kate} is Ada Fixer{tag}'s {kind}").wait_for()

    relate("father")
    page.get_by_test_id("relationships").get_by_role("link", name="Remove").click()
    page.get_by_label("Why is it being removed?").fill("Entered in error: Kate is his mother")
    page.get_by_role("button", name="Remove relationship").click()
    page.get_by_text("The relationship has been removed from both people.").wait_for()
    relate("mother")
    assert f"{kate} is Ada Fixer{tag}'s mother" in page.get_by_test_id("relationships").inner_text()

    # A session recorded for the wrong child is removed with a reason.
    page.get_by_role("link", name="Open an engagement").click()
    page.get_by_label("Programme").select_option(label=programme_name)
    page.get_by_role("button", name="Open engagement").click()
    page.get_by_text("has been opened").wait_for()
    engagement_url = page.url
    page.get_by_role("link", name="Record a delivery").click()
    page.get_by_label("Find a service").fill(prefix)
    page.get_by_role("button", name="Find services").click()
    page.get_by_label("Service", exact=True).select_option(label=f"{prefix}: Nursery")
    page.get_by_label("Summary").fill("Meant for another child")
    page.get_by_role("button", name="Record delivery").click()
    page.get_by_text("The service delivery has been recorded.").wait_for()
    page.get_by_test_id("deliveries").get_by_role("link", name="Remove").click()
    page.get_by_label("Why is it being removed?").fill("Entered in error: another child")
    page.get_by_role("button", name="Remove the delivery").click()
    page.get_by_text("The service delivery has been removed.").wait_for()
    assert "Meant for another child" not in page.get_by_test_id("deliveries").inner_text()

    page.goto(engagement_url)
    page.get_by_test_id("history-tab").click()
    history = page.get_by_test_id("history").inner_text()
    assert f"Service delivery removed: {prefix}: Nursery" in history
    assert "Reason: Entered in error: another child" in history
    assert "Removal reason" not in history and "engagement.open" not in history

    page.goto(contact_url)
    page.get_by_test_id("history-tab").click()
    history = page.get_by_test_id("history").inner_text()
    old, new = wrong_born.strftime("%-d %b %Y"), right_born.strftime("%-d %b %Y")
    assert f"Date of birth: {old} → {new}" in history
    assert "Reason: Birth certificate seen" in history
    assert f"Relationship removed: Child of {kate}" in history
    assert "Reason: Entered in error: Kate is his mother" in history
    assert f"Relationship added: Child of {kate}" in history
    assert "Removal reason" not in history and "relationship_" not in history
    # Nothing wider than the screen at 320 px.
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 322)
        .map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right) + ':' + (e.innerText||'').slice(0,40))"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, wide
    page.context.close()

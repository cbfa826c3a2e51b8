"""In a real browser: the relationship's person picker searches as you type (the one
search, posted to /people/find/), and the sentence reads right from both people."""

import uuid

import pytest

from tests.browser_helpers import sign_in

pytestmark = pytest.mark.browser


def add_adult(page, base, first, last):
    page.goto(f"{base}/contacts/new/?create=1")
    page.get_by_label("Adult", exact=True).check()
    page.locator("#id_first_name").fill(first)
    page.locator("#id_last_name").fill(last)
    page.get_by_role("button", name="Create contact").click()
    page.get_by_text(f"{first} {last} has been added").wait_for()
    return page.url


def test_a_relationship_is_picked_by_typing_and_reads_both_ways(
    db, browser, portal_server, browser_partner
):
    tag = uuid.uuid4().hex[:6]
    base = f"http://{browser_partner.slug}.{portal_server}"
    page = browser.new_context(viewport={"width": 320, "height": 800}).new_page()
    sign_in(page, base, "practitioner")
    kate_url = add_adult(page, base, "Kate", f"Doyle{tag}")
    add_adult(page, base, "John", f"Smith{tag}")
    page.get_by_text("Add a relationship").click()
    page.locator("#id_rq").fill(f"Kaet Doyle{tag}")  # a slip, typed: no page load
    option = page.locator("#id_other option", has_text=f"Kate Doyle{tag}")
    option.wait_for(state="attached")
    assert "matched first name, last name" in option.inner_text()
    page.locator("#id_other").select_option(label=option.inner_text())
    page.locator("#id_kind").select_option("mother")
    page.get_by_role("button", name="Add relationship").click()
    page.get_by_text(f"Recorded: Kate Doyle{tag} is John Smith{tag}'s mother").wait_for()
    page.goto(kate_url)
    page.get_by_test_id("relationships").get_by_text(f"is Kate Doyle{tag}'s child").wait_for()

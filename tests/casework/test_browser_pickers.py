"""In a real browser: the relationship's person picker searches as you type (the one
search, posted to /people/find/), and the sentence reads right from both people."""

import uuid

import pytest

from tests.browser_helpers import programme_with_service, sign_in

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


def test_a_consultations_people_and_a_group_sessions_rows_are_found_by_typing(
    db, browser, portal_server, browser_partner
):
    tag = uuid.uuid4().hex[:6]
    base = f"http://{browser_partner.slug}.{portal_server}"
    prefix, programme_name = f"P{tag[:4]}", f"Pickers {tag}"
    programme_with_service(browser, base, programme_name, prefix, "Play")

    page = browser.new_context(viewport={"width": 320, "height": 800}).new_page()
    sign_in(page, base, "practitioner")
    add_adult(page, base, "Olive", f"Hare{tag}")
    page.goto(f"{base}/contacts/new/?create=1")
    page.get_by_label("Child", exact=True).check()
    page.locator("#id_first_name").fill("Robin")
    page.locator("#id_last_name").fill(f"Picker{tag}")
    page.locator("#id_date_of_birth").fill("3/4/2021")
    page.get_by_role("button", name="Create contact").click()
    page.get_by_role("link", name="Open an engagement").click()
    page.get_by_label("Programme").select_option(label=programme_name)
    page.get_by_role("button", name="Open engagement").click()
    page.get_by_text("has been opened").wait_for()

    # Recording a consultation: Olive is found as she is typed and ticked.
    page.get_by_role("link", name="Record a consultation").click()
    page.get_by_label("Phone").check()
    page.locator("#id_who").fill(f"Olvie Hare{tag}")
    page.get_by_label(f"Olive Hare{tag}", exact=False).check()
    page.get_by_label("Notes").fill("Talked about sleep")
    page.get_by_role("button", name="Record consultation").click()
    page.get_by_text("The consultation has been recorded.").wait_for()
    assert f"Olive Hare{tag}" in page.get_by_test_id("held-with").inner_text()

    # Afterwards: Kate, left out, is found by typing and added.
    page.get_by_test_id("held-with").get_by_role("link", name="Change").click()
    people_url = page.url
    add_adult(page, base, "Kate", f"Doyle{tag}")
    page.goto(people_url)
    page.locator("#id_who").fill(f"Kaet Doyle{tag}")
    option = page.locator("#id_contact option", has_text=f"Kate Doyle{tag}")
    option.wait_for(state="attached")
    page.locator("#id_contact").select_option(label=option.inner_text())
    page.get_by_role("button", name="Add to the consultation").click()
    page.get_by_text(f"Kate Doyle{tag} has been added").wait_for()
    assert f"Kate Doyle{tag}" in page.get_by_test_id("people").inner_text()

    # A group session's rows: the open engagement of the child typed.
    page.goto(f"{base}/deliveries/bulk/")
    page.locator("#id_clients").fill(f"Robni Picker{tag}")
    page.locator("#id_clients-status").get_by_text("found: choose from the list").wait_for()
    # The child typed comes first in every row's list, whatever else it offers.
    first = page.locator("#id_form-0-engagement option").nth(1).inner_text()
    assert first.startswith(f"Robin Picker{tag}"), page.locator("#id_clients-status").inner_text()
    page.context.close()

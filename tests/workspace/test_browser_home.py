"""In a real browser at 320 px wide: each kind's home page reads without scrolling
sideways, and a practitioner reports a problem from the foot of a page. Browser partners
only: the server sees committed data."""

import uuid

import pytest

from tests.browser_helpers import sign_in

pytestmark = pytest.mark.browser

HOMES = [
    ("browser-fc", "practitioner"),
    ("browser-fc", "champion"),
    ("browser-sl", "call-handler"),
    ("browser-sl", "supervisor"),
    ("browser-bo", "housing-officer"),
    ("browser-pr", "adviser"),
    ("browser-pr", "provider-manager"),
]


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_home_pages_reflow_at_320_px(db, browser, portal_server):
    for slug, login in HOMES:
        context = browser.new_context(viewport={"width": 320, "height": 800})
        page = context.new_page()
        sign_in(page, f"http://{slug}.{portal_server}", login)
        page.get_by_test_id("home-heading").wait_for()
        assert no_sideways_scroll(page), (slug, login)
        context.close()


def test_a_problem_reported_from_a_page_reaches_its_status(db, browser, portal_server):
    base = f"http://browser-fc.{portal_server}"
    what = f"Nothing happens when I press Save ({uuid.uuid4().hex[:6]})"
    page = browser.new_context(viewport={"width": 320, "height": 800}).new_page()
    sign_in(page, base, "practitioner")
    page.goto(f"{base}/engagements/")
    page.get_by_test_id("report-problem").get_by_role("link", name="Report a problem").click()
    assert page.get_by_label("The page it happened on").input_value() == "/engagements/"
    assert no_sideways_scroll(page)
    page.get_by_label("What were you doing, and what went wrong?").fill(what)
    page.get_by_role("button", name="Send the report").click()
    page.get_by_text("your champion has been told").wait_for()
    assert page.get_by_test_id("problem-status").inner_text() == "Open"
    assert no_sideways_scroll(page)
    page.context.close()

    champion = browser.new_context().new_page()
    sign_in(champion, base, "champion")
    champion.get_by_test_id("main-menu").get_by_role("link", name="Problems reported").click()
    champion.get_by_role("link", name=what[:40]).first.click()
    champion.get_by_role("button", name="Close the problem").click()
    champion.get_by_text("The problem has been closed.").wait_for()
    champion.context.close()

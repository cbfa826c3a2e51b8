"""Every portal page, in a real browser at 320 px wide, for each kind of partner and role
(tests/pages_crawl.py lists them): no sideways scrolling, no axe-core violation of any
impact, no duplicate element id, and a title that names the page and the partner.

axe-core comes from node_modules (package.json's devDependencies, installed by
bin/_setup.sh's `npm ci`); nothing is downloaded while the tests run. One browser context
per role, signed in once, keeps the crawl to a couple of minutes.
"""

import pytest
from django_tenants.utils import schema_context
from playwright.sync_api import Error as PlaywrightError

from tenants.models import Partner
from tests.browser_helpers import sign_in
from tests.page_checks import AXE, WIDTH, problems_on
from tests.pages_crawl import (
    ANONYMOUS_PAGES,
    FAMILY_CENTRE,
    PUBLIC,
    VISITS,
    page_url,
)
from tests.pages_crawl_records import crawl_ensure
from tests.partners import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def crawl_ids(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with schema_context("public"):
            return crawl_ensure(PASSWORD)


def check_page(page, url, partner_name, *, ok=(200,)) -> list[str]:
    """The problems of the page at `url`, in words (empty when none)."""
    try:
        response = page.goto(url)
    except PlaywrightError as exc:
        return [f"{url}: {exc.message.splitlines()[0]}"]
    if response is None or response.status not in ok:
        return [f"{url}: HTTP {response.status if response else 'no response'}"]
    return problems_on(page, url, partner_name)


def test_the_checks_find_what_they_look_for(browser):
    """A page made to fail every check fails each of them (so a pass means something)."""
    context = browser.new_context(viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    try:
        page.set_content(
            '<!DOCTYPE html><html lang="en"><head><title>Crawl Family Centre</title></head>'
            '<body><main><h1>Wide</h1><div style="width:600px">wide</div>'
            '<input id="same"><input id="same">'
            '<figure class="cb-chart"><svg viewBox="0 0 100 20" width="100" height="20">'
            '<text x="0" y="15">Referred</text><text x="10" y="15">Attended</text>'
            "</svg></figure></main></body></html>"
        )
        found = "\n".join(problems_on(page, "/made-up/", "Crawl Family Centre"))
    finally:
        context.close()
    assert "scrolls sideways" in found
    assert "duplicate ids ['same']" in found
    assert "does not name the page" in found
    assert "axe label (critical)" in found
    assert "chart labels overlap: ['Referred / Attended']" in found


def _base(partner_slug, portal_server):
    if partner_slug == PUBLIC:
        return f"http://{portal_server}"
    return f"http://{partner_slug}.{portal_server}"


@pytest.mark.parametrize("visit", VISITS, ids=lambda v: f"{v.partner}-{v.username}")
def test_every_page_reads_at_320px_with_no_axe_violation(
    visit, crawl_ids, db, browser, portal_server
):
    assert AXE.exists(), "axe-core is missing from node_modules: run `npm ci`"
    base = _base(visit.partner, portal_server)
    partner_name = (
        "Platform console"
        if visit.partner == PUBLIC
        else Partner.objects.get(slug=visit.partner).name
    )
    context = browser.new_context(viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    problems = []
    try:
        sign_in(page, base, visit.username)
        for entry in visit.pages:
            url = base + page_url(entry, crawl_ids, visit.partner)
            problems += check_page(page, url, partner_name)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_pages_before_sign_in_read_at_320px_with_no_axe_violation(
    crawl_ids, db, browser, portal_server
):
    # The invitation link of a used or unknown invitation answers 410 Gone, with its page.
    base = _base(FAMILY_CENTRE, portal_server)
    partner_name = Partner.objects.get(slug=FAMILY_CENTRE).name
    context = browser.new_context(viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    problems = []
    try:
        for entry in ANONYMOUS_PAGES:
            url = base + page_url(entry, crawl_ids, FAMILY_CENTRE)
            problems += check_page(page, url, partner_name, ok=(200, 410))
    finally:
        context.close()
    assert not problems, "\n".join(problems)


FOCUSED_SUMMARY = "document.activeElement && document.activeElement.matches('.govuk-error-summary')"


def test_focus_lands_on_the_error_summary_after_a_failed_submit(
    crawl_ids, db, browser, portal_server
):
    base = _base(FAMILY_CENTRE, portal_server)
    context = browser.new_context(viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    try:
        # Signing in with a wrong password.
        page.goto(f"{base}/sign-in/")
        page.get_by_label("Username").fill("practitioner")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
        page.locator(".govuk-error-summary").wait_for()
        assert page.evaluate(FOCUSED_SUMMARY)
        assert page.title().startswith("Error: Sign in")
        # A portal form sent empty: recording a session with nothing filled in.
        sign_in(page, base, "practitioner")
        page.goto(base + page_url(("delivery_new", "engagement"), crawl_ids, FAMILY_CENTRE))
        page.locator("main form[method=post] button[type=submit]").last.click()
        page.locator(".govuk-error-summary").wait_for()
        assert page.evaluate(FOCUSED_SUMMARY)
        assert page.title().startswith("Error: ")
    finally:
        context.close()

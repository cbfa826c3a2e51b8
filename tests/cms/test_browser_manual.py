"""In a real browser: Help on a portal screen opens the topic that explains it, inside the
portal's layout."""

import pytest

from tests.partners import PASSWORD

pytestmark = pytest.mark.browser


def test_help_on_the_users_page_opens_the_topic_about_creating_users(
    db, browser, portal_server, browser_partner
):
    base = f"http://{browser_partner.slug}.{portal_server}"
    page = browser.new_context().new_page()
    try:
        page.goto(f"{base}/sign-in/")
        page.get_by_label("Username").fill("champion")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/")
        page.get_by_role("link", name="Users", exact=True).click()
        page.wait_for_url(f"{base}/users/")
        page.get_by_test_id("help-link").click()
        page.wait_for_url(f"{base}/manual/champions/creating-and-editing-users/")
        assert page.get_by_role("heading", level=1).inner_text() == "Creating and editing users"
        # Inside the portal's layout: its header, the partner's name, the signed-in user.
        assert page.get_by_test_id("partner-name").inner_text() == browser_partner.name
        assert (
            f"Champion at {browser_partner.slug}"
            in page.get_by_test_id("signed-in-user").inner_text()
        )
        assert page.get_by_role("navigation", name="Breadcrumb").is_visible()
        body = page.get_by_test_id("manual-body").inner_text()
        assert "Creating an account" in body
        # The page's own Help link leads on to the manual's page about the manual.
        page.get_by_test_id("help-link").click()
        page.wait_for_url(f"{base}/manual/start/using-the-manual/")
        # Search from the manual, in the browser.
        manual_search = page.get_by_test_id("manual-search-form")
        manual_search.get_by_label("Search the manual").fill("deactivate")
        manual_search.get_by_role("button", name="Search").click()
        page.wait_for_url(f"{base}/manual/search/?q=deactivate")
        results = page.get_by_test_id("search-results").inner_text()
        assert "Resetting passwords and deactivating accounts" in results
    finally:
        page.context.close()

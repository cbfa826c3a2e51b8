"""Helpers for the tests that drive Chromium through Playwright (marked `browser`)."""

from tests.conftest import PASSWORD


def sign_in_as(page, base, username, password=PASSWORD) -> None:
    """Fill in and send the sign-in form; where it leads is the caller's to check."""
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_in(page, base, username) -> None:
    """Sign in with the test password and wait for the home page."""
    sign_in_as(page, base, username)
    page.wait_for_url(f"{base}/")


def signed_in_page(browser, base, username):
    """A page of a browser context of its own (its own cookies), signed in."""
    page = browser.new_context().new_page()
    sign_in(page, base, username)
    return page

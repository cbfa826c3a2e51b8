"""Helpers for the tests that drive Chromium through Playwright (marked `browser`)."""

from tests.partners import PASSWORD


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


def signed_in_page(browser, base, username, viewport=None):
    """A page of a browser context of its own (its own cookies), signed in; `viewport`
    ({"width": 320, "height": 800}) sets its size."""
    page = browser.new_context(**({"viewport": viewport} if viewport else {})).new_page()
    sign_in(page, base, username)
    return page


def programme_with_service(browser, base, programme_name, prefix, service_name):
    """A manager adds a programme and one service in it (in a context of their own)."""
    manager = browser.new_context().new_page()
    sign_in(manager, base, "manager")
    manager.goto(f"{base}/programmes/")
    manager.get_by_label("Programme name").fill(programme_name)
    manager.get_by_label("Code prefix").fill(prefix)
    manager.get_by_role("button", name="Add programme").click()
    manager.get_by_text(f"The programme {programme_name} has been added.").wait_for()
    manager.get_by_label("Programme", exact=True).select_option(label=programme_name)
    manager.get_by_label("Service name").fill(service_name)
    manager.get_by_role("button", name="Add service").click()
    manager.get_by_text(f"The service {prefix}: {service_name} has been added.").wait_for()
    manager.context.close()

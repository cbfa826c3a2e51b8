"""A real browser (Debian's chromium, driven by Playwright) against the real WSGI app."""

import pytest

from tests.partners import PASSWORD

pytestmark = pytest.mark.browser

# Whether the header search's placeholder is shown whole: its text, in the box's own
# font (once the fonts are in), against the width inside the box's padding.
PLACEHOLDER_FITS = """async () => {
  await document.fonts.ready;
  const box = document.getElementById("header-search");
  const style = getComputedStyle(box);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  const inside = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [context.measureText(box.placeholder).width, inside];
}"""


def test_staff_sign_in_on_their_partner_domain_and_see_its_home(
    db, browser, portal_server, partner_a
):
    port = portal_server.split(":")[1]
    page = browser.new_page()
    try:
        page.goto(f"http://{partner_a.slug}.localhost:{port}/")
        assert page.url.endswith("/sign-in/?next=/")
        assert page.get_by_role("heading", level=1).inner_text() == f"Sign in to {partner_a.name}"
        page.get_by_label("Username").fill("practitioner")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"http://{partner_a.slug}.localhost:{port}/")
        assert page.get_by_test_id("home-heading").inner_text() == partner_a.name
        assert page.get_by_test_id("partner-name").inner_text() == partner_a.name
        assert "Practitioner at alpha" in page.get_by_test_id("signed-in-user").inner_text()
        # The design system's stylesheet is served and applied (not a bare HTML page).
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.cb-header')).backgroundColor")
            == "rgb(29, 59, 83)"
        )
        # The header search's placeholder is read whole, on a desktop and at 320 px.
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 800})
            text, inside = page.evaluate(PLACEHOLDER_FITS)
            assert 0 < text <= inside, (width, text, inside)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        # On a desktop the Search button sits beside the box, not on a line below it.
        page.set_viewport_size({"width": 1280, "height": 800})
        box = page.locator("#header-search").bounding_box()
        button = page.locator(".cb-header__search button").bounding_box()
        assert button["y"] < box["y"] + box["height"] and button["x"] > box["x"], (box, button)
    finally:
        page.close()


def test_wrong_password_shows_an_error_summary_in_the_browser(
    db, browser, portal_server, partner_b
):
    port = portal_server.split(":")[1]
    page = browser.new_page(viewport={"width": 320, "height": 640})
    try:
        page.goto(f"http://{partner_b.slug}.localhost:{port}/sign-in/")
        page.get_by_label("Username").fill("champion")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
        summary = page.locator(".govuk-error-summary")
        summary.wait_for()
        assert "Enter a correct username and password" in summary.inner_text()
        # Works at 320 px: nothing wider than the viewport.
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        page.close()

"""In a real browser: a champion finds API tokens from the Users page, creates one for the
integrator account (shown once), a system uses it on /graphql/, the champion revokes it
and the system is refused. Everything is committed in the browser partner."""

import uuid

import pytest

from tests.browser_helpers import sign_in_as
from tests.partners import PASSWORD

pytestmark = pytest.mark.browser


def ask(page, base, secret):
    """What an integrator's system would do: POST with the token and no cookies (the
    browser's own fetch, since only the browser resolves *.localhost)."""
    return page.evaluate(
        """async ([url, secret]) => {
            const response = await fetch(url, {
                method: "POST", credentials: "omit",
                headers: {"Authorization": "Bearer " + secret, "Content-Type": "application/json"},
                body: JSON.stringify({query: "{ me { username } }"}),
            });
            return [response.status, await response.json()];
        }""",
        [f"{base}/graphql/", secret],
    )


def test_champion_creates_uses_and_revokes_a_token(db, browser, portal_server, browser_partner):
    base = f"http://{browser_partner.slug}.{portal_server}"
    context = browser.new_context()
    page = context.new_page()
    sign_in_as(page, base, "champion", PASSWORD)
    page.goto(f"{base}/users/")
    page.get_by_role("link", name="API tokens").click()
    page.wait_for_url(f"{base}/api-tokens/")
    name = f"Reports {uuid.uuid4().hex[:6]}"
    # Nothing chosen: the form names the field, and nothing is created.
    page.get_by_role("button", name="Create token").click()
    assert "Choose a service account." in page.get_by_role("main").inner_text()
    page.get_by_label("Service account").select_option(
        label="Integrator at browser-fc (integrator)"
    )
    page.get_by_label("Token name").fill(name)
    page.get_by_label("What it may do").select_option(label="Read")
    page.get_by_role("button", name="Create token").click()
    secret = page.get_by_test_id("secret").inner_text().strip()
    assert secret.startswith("cbt_")

    status, body = ask(page, base, secret)
    assert status == 200 and body["data"]["me"]["username"] == "integrator"

    page.get_by_role("link", name="Back to API tokens").click()
    row = page.get_by_role("row").filter(has_text=name)
    assert secret not in page.content()
    assert "Active" in row.inner_text()
    row.get_by_role("button", name=f"Revoke {name}").click()
    page.wait_for_url(f"{base}/api-tokens/")
    assert f"The API token “{name}” has been revoked." in page.get_by_role("main").inner_text()
    assert "Revoked" in page.get_by_role("row").filter(has_text=name).inner_text()

    status, body = ask(page, base, secret)
    assert status == 401 and body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    context.close()

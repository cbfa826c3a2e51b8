"""In a real browser: a champion creates colleagues; first sign-in forces a new password;
an invitation link expires. The server runs in its own threads, so everything here goes
through the browser (committed, in the partner kept for that: tests.conftest.browser_partner),
except expiring a link, done over a separate connection."""

import uuid

import psycopg2
import pytest
from django.conf import settings

from tests.browser_helpers import sign_in_as
from tests.partners import PASSWORD

pytestmark = pytest.mark.browser
NEW_PASSWORD = "my-own-passphrase-2026"


def create_account(page, base, *, full_name, username, role_label, delivery_label) -> str:
    page.goto(f"{base}/users/new/")
    page.get_by_label("First, search for the person").fill(full_name)
    page.get_by_role("main").get_by_role("button", name="Search").click()
    page.get_by_test_id("no-matches").wait_for()
    page.get_by_label("Full name").fill(full_name)
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Role").select_option(label=role_label)
    page.get_by_label(delivery_label).check()
    page.get_by_role("button", name="Create account").click()
    return page.get_by_test_id("secret").inner_text()


def test_champion_creates_a_practitioner_who_must_choose_a_password(
    db, browser, portal_server, browser_partner
):
    base = f"http://{browser_partner.slug}.{portal_server}"
    champion = browser.new_context().new_page()
    sign_in_as(champion, base, "champion", PASSWORD)
    # The role list offers practitioner and manager, never the safeguarding lead.
    champion.goto(f"{base}/users/new/?q=Someone")
    options = champion.locator("#id_role option").all_inner_texts()
    assert "Practitioner" in options and "Manager" in options
    assert "Designated safeguarding lead" not in options
    username = f"pat-{uuid.uuid4().hex[:6]}"
    secret = create_account(
        champion,
        base,
        full_name="Pat Newstarter",
        username=username,
        role_label="Practitioner",
        delivery_label="Show a temporary password once",
    )
    newcomer = browser.new_context().new_page()
    sign_in_as(newcomer, base, username, secret)
    newcomer.wait_for_url(f"{base}/account/password/")
    assert newcomer.get_by_role("heading", level=1).inner_text() == "Choose your own password"
    newcomer.goto(f"{base}/")  # nothing else is reachable until it is done
    assert newcomer.url == f"{base}/account/password/"
    newcomer.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    newcomer.get_by_label("Confirm new password").fill(NEW_PASSWORD)
    newcomer.get_by_role("button", name="Save password").click()
    newcomer.wait_for_url(f"{base}/")
    assert newcomer.get_by_test_id("home-heading").inner_text() == browser_partner.name
    champion.context.close()
    newcomer.context.close()


def _expire_invitations_for(partner, username):
    db = settings.DATABASES["default"]
    conn = psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"],
        host=db["HOST"],
        port=db["PORT"],
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'SET search_path TO "{partner.schema_name}"')
        cursor.execute(
            "UPDATE accounts_invitation SET expires_at = now() - interval '1 minute' "
            "WHERE user_id = (SELECT id FROM accounts_user WHERE username = %s)",
            [username],
        )
        assert cursor.rowcount == 1
    conn.close()


def test_an_expired_invitation_link_is_refused(db, browser, portal_server, browser_partner):
    base = f"http://{browser_partner.slug}.{portal_server}"
    champion = browser.new_context().new_page()
    sign_in_as(champion, base, "champion", PASSWORD)
    username = f"ivy-{uuid.uuid4().hex[:6]}"
    link = create_account(
        champion,
        base,
        full_name="Ivy Invited",
        username=username,
        role_label="Manager",
        delivery_label="Send an invitation link",
    )
    assert link.startswith(f"{base}/invitation/")
    _expire_invitations_for(browser_partner, username)
    newcomer = browser.new_context().new_page()
    newcomer.goto(link)
    assert (
        "has expired or has already been used"
        in newcomer.get_by_role("heading", level=1).inner_text()
    )
    assert newcomer.locator("input[type=password]").count() == 0
    champion.context.close()
    newcomer.context.close()

"""Sign-in security over real HTTP against real PostgreSQL: lock-out per username and
address and per partner, one message for every failure, the audit of failures, a new
session on sign-in, the absolute timeout, and "My account". One-time passwords are in
test_signin_two_factor.py."""

import time

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django_tenants.utils import schema_context

from tenants.accounts import signin
from tenants.accounts.models import User
from tests.partners import PASSWORD, domain_of
from tests.tenants.accounts.signin_helpers import (
    GENERIC,
    LOCKED,
    WRONG,
    audit,
    edit_session,
    error_summary,
    fail_times,
    session_of,
    sign_in,
)

# --- lock-out -----------------------------------------------------------------------


def test_five_failures_lock_out_that_username_from_that_address(client_a, partner_a):
    for response in fail_times(client_a, "practitioner", 4):
        assert response.status_code == 200
        assert GENERIC in response.content.decode()
    fifth = sign_in(client_a, "practitioner", WRONG)
    assert fifth.status_code == 429
    assert LOCKED in fifth.content.decode()
    assert partner_a.name in fifth.content.decode()  # the portal's own layout
    # Now even the right password is refused, and nobody is signed in.
    right = sign_in(client_a, "practitioner")
    assert right.status_code == 429
    assert "_auth_user_id" not in session_of(client_a, partner_a)
    assert client_a.get("/").status_code == 302


def test_the_lock_out_page_does_not_reveal_whether_the_username_exists(client_a):
    known = fail_times(client_a, "practitioner", 5)[-1]
    unknown = fail_times(client_a, "nobody-at-all", 5)[-1]
    assert known.status_code == unknown.status_code == 429
    assert known.content == unknown.content
    assert b"practitioner" not in known.content


def test_other_usernames_and_other_addresses_are_not_locked(client_a, partner_a):
    fail_times(client_a, "practitioner", 5)
    assert sign_in(client_a, "manager").status_code == 302  # same address, other username
    elsewhere = Client(HTTP_HOST=domain_of(partner_a), REMOTE_ADDR="198.51.100.7")
    assert sign_in(elsewhere, "practitioner").status_code == 302  # same username, other address
    assert elsewhere.get("/").status_code == 200


def test_a_lock_out_at_partner_a_does_not_lock_the_same_username_at_partner_b(
    client_a, client_b, partner_a, partner_b
):
    # "champion" exists at both partners; lock-outs are kept in each partner's schema.
    fail_times(client_a, "champion", 5)
    assert sign_in(client_a, "champion").status_code == 429
    assert sign_in(client_b, "champion").status_code == 302
    assert client_b.get("/").status_code == 200
    with schema_context(partner_a.schema_name):
        assert AccessAttempt.objects.filter(username="champion").exists()
    with schema_context(partner_b.schema_name):
        assert not AccessAttempt.objects.filter(username="champion").exists()


def test_unknown_username_and_wrong_password_get_the_same_message(client_a):
    unknown = sign_in(client_a, "nobody-here", WRONG)
    wrong = sign_in(client_a, "practitioner", WRONG)
    missing = sign_in(client_a, "practitioner", "")  # a missing field names the field
    assert unknown.status_code == wrong.status_code == 200
    assert error_summary(unknown) == error_summary(wrong)
    assert GENERIC in error_summary(wrong)
    assert 'href="#id_password"' in error_summary(missing)


def test_a_deactivated_account_gets_the_same_message(client_a, partner_a):
    with schema_context(partner_a.schema_name):
        User.objects.filter(username="editor").update(is_active=False)
    response = sign_in(client_a, "editor")
    assert response.status_code == 200
    assert error_summary(response) == error_summary(sign_in(client_a, "nobody-here", WRONG))


def test_the_platform_console_locks_out_too(platform_client, platform):
    fail_times(platform_client, "platform-manager", 5)
    response = sign_in(platform_client, "platform-manager")
    assert response.status_code == 429
    assert "Platform console" in response.content.decode()
    assert len(audit(platform, action="signin.locked", target_username="platform-manager")) == 1


# --- the audit of failures ------------------------------------------------------------


def test_every_failed_sign_in_is_audited_in_the_partners_schema(client_a, partner_a, partner_b):
    sign_in(client_a, "practitioner", WRONG)
    sign_in(client_a, "nobody-here", WRONG)
    rows = audit(partner_a, action="signin.failed")
    assert [r.target_username for r in rows] == ["practitioner", "nobody-here"]
    assert all(r.actor_username == "" and r.actor_name == "" for r in rows)
    assert all(r.partner_schema == partner_a.schema_name for r in rows)
    assert "127.0.0.1" in rows[0].detail
    assert audit(partner_b, action="signin.failed") == []
    sign_in(client_a, "practitioner")  # a success is not a failure
    assert len(audit(partner_a, action="signin.failed")) == 2


def test_a_lock_out_is_audited_once(client_a, partner_a):
    fail_times(client_a, "practitioner", 5)
    sign_in(client_a, "practitioner")  # refused while locked: one more failure
    failed = audit(partner_a, action="signin.failed", target_username="practitioner")
    locked = audit(partner_a, action="signin.locked", target_username="practitioner")
    assert len(failed) == 6
    assert "locked out" in failed[-1].detail
    assert len(locked) == 1
    assert locked[0].actor_username == ""


def test_wagtails_own_sign_in_page_cannot_go_around_the_lock_out(client_a, partner_a):
    fail_times(client_a, "editor", 5)
    assert sign_in(client_a, "editor").status_code == 429
    # Wagtail's sign-in page only sends people to the portal's: no second way in.
    response = client_a.post("/cms/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    assert "_auth_user_id" not in client_a.session
    # Five wrong passwords, then the right one refused during the lock-out.
    assert len(audit(partner_a, action="signin.failed", target_username="editor")) == 6


def test_failures_on_the_console_are_audited_in_public(platform_client, platform, partner_a):
    sign_in(platform_client, "practitioner", PASSWORD)  # a partner's user, not platform staff
    assert [r.target_username for r in audit(platform, action="signin.failed")] == ["practitioner"]
    assert audit(partner_a, action="signin.failed") == []


# --- sessions ---------------------------------------------------------------------------


def test_signing_in_starts_a_new_session(client_a, partner_a):
    edit_session(client_a, partner_a, probe="anonymous")  # an anonymous session with a key
    old_key = client_a.cookies["sessionid"].value
    assert sign_in(client_a, "practitioner").status_code == 302
    new_key = client_a.cookies["sessionid"].value
    assert new_key != old_key
    with schema_context(partner_a.schema_name):
        assert not Session.objects.filter(session_key=old_key).exists()
        assert Session.objects.filter(session_key=new_key).exists()


def test_the_absolute_timeout_signs_out_however_active(client_a, partner_a):
    sign_in(client_a, "practitioner")
    assert abs(session_of(client_a, partner_a)[signin.SIGNED_IN_AT] - time.time()) < 60
    # Nearly at the limit: still signed in.
    limit = settings.SESSION_ABSOLUTE_SECONDS
    edit_session(client_a, partner_a, **{signin.SIGNED_IN_AT: time.time() - limit + 120})
    assert client_a.get("/").status_code == 200
    edit_session(client_a, partner_a, **{signin.SIGNED_IN_AT: time.time() - limit - 1})
    response = client_a.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?")
    assert "ended=timeout" in response["Location"]
    assert "signed in too long ago" in client_a.get(response["Location"]).content.decode()
    assert client_a.get("/").status_code == 302  # signed out for good


def test_the_absolute_timeout_is_configurable(client_a, partner_a, settings):
    settings.SESSION_ABSOLUTE_SECONDS = 30
    sign_in(client_a, "practitioner")
    edit_session(client_a, partner_a, **{signin.SIGNED_IN_AT: time.time() - 31})
    assert client_a.get("/").status_code == 302


# --- my account ------------------------------------------------------------------------


def test_my_account_shows_my_details_and_links(client_a, partner_a):
    sign_in(client_a, "practitioner")
    assert 'href="/account/" data-testid="my-account-link"' in client_a.get("/").content.decode()
    page = client_a.get("/account/").content.decode()
    assert "Practitioner at alpha" in page
    assert "practitioner@example.org" in page
    assert partner_a.name in page
    assert 'href="/account/password/"' in page
    assert 'href="/account/two-factor/"' in page


def test_the_console_has_my_account_too_and_the_admin_login_is_ours(platform_client, platform):
    sign_in(platform_client, "platform-staff")
    page = platform_client.get("/account/").content.decode()
    assert "platform-staff" in page and "platform console" in page
    anonymous = Client(HTTP_HOST=domain_of(platform))
    response = anonymous.get("/django-admin/login/?next=/django-admin/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/django-admin/"

"""One-time passwords over real HTTP: the code step of signing in, setting up and
removing a device, and the partner-wide requirement a champion sets."""

import re
import uuid

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import schema_context

from tenants.accounts.models import PartnerSecurity, User
from tenants.accounts.policy import DelegationRefused
from tenants.accounts.services.security import partner_security_update, two_factor_reset
from tenants.accounts.views.security import SETUP_KEY
from tests.partners import PASSWORD, domain_of
from tests.tenants.accounts.signin_helpers import (
    WRONG,
    audit,
    code_for,
    session_of,
    sign_in,
    wrong_code_for,
)


@pytest.fixture
def manager_device(partner_a):
    """Partner A's manager has a confirmed authenticator app."""
    with schema_context(partner_a.schema_name):
        user = User.objects.get(username="manager")
        return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


# --- one-time passwords ------------------------------------------------------------------


def test_a_user_with_a_device_must_give_a_correct_code(client_a, partner_a, manager_device):
    response = sign_in(client_a, "manager")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/code/"
    assert client_a.get("/").status_code == 302  # the password alone signs nobody in
    pending_key = client_a.cookies["sessionid"].value
    page = client_a.get("/sign-in/code/")
    assert "Enter your one-time password" in page.content.decode()
    response = client_a.post("/sign-in/code/", {"code": code_for(manager_device.key)})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client_a.get("/").status_code == 200
    assert client_a.cookies["sessionid"].value != pending_key  # a new session here too


def test_a_wrong_code_is_refused_and_audited(client_a, partner_a, manager_device):
    sign_in(client_a, "manager")
    response = client_a.post("/sign-in/code/", {"code": wrong_code_for(manager_device.key)})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_code"' in body
    assert "The code is not correct or has expired" in body
    assert client_a.get("/").status_code == 302
    rows = audit(partner_a, action="signin.failed", target_username="manager")
    assert len(rows) == 1 and "one-time password" in rows[0].detail


def test_a_code_that_is_not_six_digits_names_the_field(client_a, manager_device):
    sign_in(client_a, "manager")
    response = client_a.post("/sign-in/code/", {"code": "abc"})
    assert response.status_code == 200
    assert "Enter the 6-digit code from your authenticator app." in response.content.decode()


def test_wrong_codes_count_towards_the_lock_out(client_a, manager_device):
    sign_in(client_a, "manager")
    wrong = wrong_code_for(manager_device.key)
    responses = [client_a.post("/sign-in/code/", {"code": wrong}) for _ in range(5)]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert sign_in(client_a, "manager").status_code == 429


def test_the_code_step_needs_a_correct_password_first(client_a):
    response = client_a.post("/sign-in/code/", {"code": "123456"})
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/"


def test_a_session_made_without_the_code_must_sign_in_again(client_a, partner_a, manager_device):
    with schema_context(partner_a.schema_name):
        client_a.force_login(User.objects.get(username="manager"))
    response = client_a.get("/")
    assert response.status_code == 302
    assert "ended=two_factor" in response["Location"]
    assert client_a.get("/").status_code == 302


def test_set_up_remove_and_sign_in_with_a_code(client_a, partner_a):
    sign_in(client_a, "practitioner")
    page = client_a.get("/account/two-factor/").content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    key = session_of(client_a, partner_a)[SETUP_KEY]
    assert re.sub(r"\s", "", re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page)[1])
    refused = client_a.post("/account/two-factor/", {"code": wrong_code_for(key)})
    assert refused.status_code == 200 and 'href="#id_code"' in refused.content.decode()
    response = client_a.post("/account/two-factor/", {"code": code_for(key)})
    assert response.status_code == 302
    assert client_a.get("/").status_code == 200  # this session was verified by setting up
    assert "On" in client_a.get("/account/").content.decode()
    assert [r.action for r in audit(partner_a, target_username="practitioner")] == [
        "two_factor.enable"
    ]
    # Next time: password, then a code (a later one: the set-up code cannot be reused).
    client_a.post("/sign-out/")
    assert sign_in(client_a, "practitioner")["Location"] == "/sign-in/code/"
    assert client_a.post("/sign-in/code/", {"code": code_for(key, offset=30)}).status_code == 302
    # Removing asks for the password again.
    wrong = client_a.post("/account/two-factor/remove/", {"password": WRONG})
    assert wrong.status_code == 200
    assert 'href="#id_password"' in wrong.content.decode()
    assert client_a.post("/account/two-factor/remove/", {"password": PASSWORD}).status_code == 302
    with schema_context(partner_a.schema_name):
        assert not TOTPDevice.objects.filter(user__username="practitioner").exists()
    client_a.post("/sign-out/")
    assert sign_in(client_a, "practitioner")["Location"] == "/"


# --- the partner-wide requirement -------------------------------------------------------


def _user(partner, username: str) -> User:
    with schema_context(partner.schema_name):
        return User.objects.get(username=username)


def _required(partner) -> bool:
    with schema_context(partner.schema_name):
        return PartnerSecurity.objects.filter(require_two_factor=True).exists()


def test_the_partner_wide_requirement_forces_set_up_first(
    client_a, client_b, partner_a, in_partner_a
):
    partner_security_update(
        actor=_user(partner_a, "champion"), partner=partner_a, require_two_factor=True
    )
    assert sign_in(client_a, "practitioner").status_code == 302
    for path in ("/", "/account/", "/account/security/", "/no/such/page/"):
        response = client_a.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/account/two-factor/"
    page = client_a.get("/account/two-factor/").content.decode()
    assert "Your organisation requires one-time passwords" in page
    key = session_of(client_a, partner_a)[SETUP_KEY]
    assert client_a.post("/account/two-factor/", {"code": code_for(key)}).status_code == 302
    assert client_a.get("/").status_code == 200
    # Partner B requires nothing.
    assert sign_in(client_b, "champion").status_code == 302
    assert client_b.get("/").status_code == 200


def test_signing_out_is_allowed_before_set_up(client_a, partner_a, in_partner_a):
    partner_security_update(
        actor=_user(partner_a, "champion"), partner=partner_a, require_two_factor=True
    )
    sign_in(client_a, "practitioner")
    assert client_a.post("/sign-out/")["Location"] == "/sign-in/"
    assert client_a.get("/").status_code == 302


def test_only_someone_who_manages_users_there_may_set_the_requirement(
    partner_a, partner_b, in_partner_a
):
    with pytest.raises(DelegationRefused):
        partner_security_update(
            actor=_user(partner_a, "practitioner"), partner=partner_a, require_two_factor=True
        )
    with pytest.raises(DelegationRefused):
        partner_security_update(  # a champion, but of partner A, acting on partner B
            actor=_user(partner_a, "champion"), partner=partner_b, require_two_factor=True
        )
    assert not _required(partner_a) and not _required(partner_b)
    partner_security_update(
        actor=_user(partner_a, "champion"), partner=partner_a, require_two_factor=True
    )
    assert _required(partner_a) and not _required(partner_b)
    (row,) = audit(partner_a, action="security.two_factor_required")
    assert row.actor_username == "champion"
    assert row.after == {"require_two_factor": True}


def test_champions_set_the_requirement_over_http_and_others_cannot(client_a, partner_a):
    sign_in(client_a, "practitioner")
    assert client_a.get("/account/security/").status_code == 403
    assert client_a.post("/account/security/", {"require_two_factor": "yes"}).status_code == 403
    assert "Sign-in security for" not in client_a.get("/account/").content.decode()
    assert not _required(partner_a)

    champion = Client(HTTP_HOST=domain_of(partner_a))
    sign_in(champion, "champion")
    assert "Sign-in security for" in champion.get("/account/").content.decode()
    bad = champion.post("/account/security/", {"require_two_factor": "maybe"})
    assert bad.status_code == 200
    assert "Choose whether one-time passwords are required or optional." in bad.content.decode()
    assert 'href="#id_require_two_factor_0"' in bad.content.decode()
    assert not _required(partner_a)
    response = champion.post("/account/security/", {"require_two_factor": "yes"})
    assert response.status_code == 302
    assert _required(partner_a)
    # The champion, too, must now set up their own before anything else.
    assert champion.get("/account/security/")["Location"] == "/account/two-factor/"


def test_a_champion_resets_a_colleagues_lost_device(partner_a, manager_device, in_partner_a):
    manager = _user(partner_a, "manager")
    with pytest.raises(DelegationRefused):
        two_factor_reset(
            actor=_user(partner_a, "practitioner"),
            partner=partner_a,
            user_public_id=manager.public_id,
        )
    removed = two_factor_reset(
        actor=_user(partner_a, "champion"), partner=partner_a, user_public_id=manager.public_id
    )
    assert removed == 1
    assert not TOTPDevice.objects.filter(user=manager).exists()
    assert [r.action for r in audit(partner_a, target_username="manager")] == ["two_factor.reset"]


def test_the_lost_device_button_over_http(partner_a, manager_device, in_partner_a):
    manager = _user(partner_a, "manager")
    url = f"/users/{manager.public_id}/two-factor-reset/"
    practitioner = Client(HTTP_HOST=domain_of(partner_a))
    sign_in(practitioner, "practitioner")
    assert practitioner.post(url).status_code == 403  # no "manage users"
    assert TOTPDevice.objects.filter(user=manager).exists()
    champion = Client(HTTP_HOST=domain_of(partner_a))
    sign_in(champion, "champion")
    assert (
        "Remove their authenticator app"
        in champion.get(f"/users/{manager.public_id}/").content.decode()
    )
    response = champion.post(url, follow=True)
    assert "authenticator app has been removed" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=manager).exists()
    assert champion.post(f"/users/{uuid.uuid4()}/two-factor-reset/").status_code == 404

"""User administration over HTTP on a partner's domain: the same rule as the services,
forged posts, search first, one-time secrets, first sign-in, invitations, sessions."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tenants.utils import schema_context

from tenants.accounts import capabilities as cap
from tenants.accounts.models import AuditEntry, Invitation, User
from tests.clients import signed_in
from tests.partners import PASSWORD, domain_of
from tests.searching import searched
from tests.tenants.accounts.delegation import (
    CHAMPION_PRIVILEGES,
    FAMILY_CENTRE_ROLES,
    may_give,
    may_touch,
)
from tests.tenants.accounts.helpers import make_user

NEW_PASSWORD = "a-fresh-passphrase-2026"


def details(role_key: str, **extra) -> dict:
    return {
        "full_name": "Posted Person",
        "job_title": "",
        "email": "",
        "phone": "",
        "role": role_key,
        "privileges": [cap.CHANGE_OWN_PASSWORD],
        "line_manager": "",
    } | extra


@pytest.fixture
def champion(in_partner_a):
    return make_user(role_key="champion", privileges=CHAMPION_PRIVILEGES, password=PASSWORD)


@pytest.mark.parametrize("actor_role", FAMILY_CENTRE_ROLES)
@pytest.mark.parametrize("target_role", FAMILY_CENTRE_ROLES)
def test_create_over_http_follows_the_rule(in_partner_a, actor_role, target_role):
    actor = make_user(role_key=actor_role, privileges=CHAMPION_PRIVILEGES, password=PASSWORD)
    client = signed_in(in_partner_a, actor)
    page = searched(client, "/users/new/", q="Posted Person").content.decode()
    offered = f'<option value="{target_role}"' in page
    assert offered == may_give(actor_role, target_role)  # the role list is already filtered
    response = client.post(
        "/users/new/?q=Posted+Person",
        details(target_role, username="posted", delivery="temporary_password"),
    )
    created = User.objects.filter(username="posted").first()
    if may_give(actor_role, target_role):
        assert response.status_code == 200 and "Account created" in response.content.decode()
        assert created is not None and created.role.key == target_role
    else:
        assert (
            "You can only give roles that have no more rights than your own."
            in response.content.decode()
        )
        assert created is None


@pytest.mark.parametrize("actor_role", FAMILY_CENTRE_ROLES)
@pytest.mark.parametrize("target_role", FAMILY_CENTRE_ROLES)
@pytest.mark.parametrize(
    "action", ["edit", "change_role", "grant_privilege", "reset", "deactivate"]
)
def test_actions_over_http_follow_the_rule(in_partner_a, actor_role, target_role, action):
    actor = make_user(role_key=actor_role, privileges=CHAMPION_PRIVILEGES, password=PASSWORD)
    target = make_user(role_key=target_role)
    client = signed_in(in_partner_a, actor)
    base = f"/users/{target.public_id}"
    new_role = "practitioner" if target_role != "practitioner" else "editor"
    if action == "edit":
        response = client.post(f"{base}/edit/", details(target_role, full_name="Edited Name"))
    elif action == "change_role":
        response = client.post(f"{base}/edit/", details(new_role, full_name=target.full_name))
    elif action == "grant_privilege":
        response = client.post(
            f"{base}/edit/",
            details(
                target_role, full_name=target.full_name, privileges=sorted(CHAMPION_PRIVILEGES)
            ),
        )
    elif action == "reset":
        response = client.post(f"{base}/reset/", {"delivery": "invitation"})
    else:
        response = client.post(f"{base}/deactivate/")
    target.refresh_from_db()
    target = User.objects.get(pk=target.pk)
    allowed = may_touch(actor_role, target_role)
    if action == "change_role":
        allowed = allowed and may_give(actor_role, new_role)
    outcome = {
        "edit": target.full_name == "Edited Name",
        "change_role": target.role.key == new_role,
        "grant_privilege": target.has_perm(cap.MANAGE_USERS),
        "reset": target.must_change_password,
        "deactivate": not target.is_active,
    }[action]
    assert outcome == allowed
    if not allowed:
        follow = client.get(f"{base}/") if action == "deactivate" else response
        assert response.status_code in (200, 302)
        assert (
            "rights that you do not have" in follow.content.decode()
            or "You can only give roles" in follow.content.decode()
        )


def test_users_pages_need_the_manage_users_privilege(in_partner_a):
    manager = make_user(role_key="manager", privileges={cap.CHANGE_OWN_PASSWORD}, password=PASSWORD)
    client = signed_in(in_partner_a, manager)
    target = make_user(role_key="practitioner")
    for path in ["/users/", "/users/new/", "/users/history/", f"/users/{target.public_id}/"]:
        assert client.get(path).status_code == 403
    assert client.post(f"/users/{target.public_id}/deactivate/").status_code == 403
    target.refresh_from_db()
    assert target.is_active
    assert ">Users<" not in client.get("/").content.decode()


@pytest.mark.security
def test_forged_posts_are_refused_and_change_nothing(champion, partner_a, partner_b):
    client = signed_in(partner_a, champion)
    # A role of another partner (Beta is a support line).
    response = client.post(
        "/users/new/?q=x", details("call-handler", username="forged1", delivery="invitation")
    )
    assert "Choose a role from the list." in response.content.decode()
    # A role above the champion's rights, posted though it was not offered.
    response = client.post(
        "/users/new/?q=x", details("dsl", username="forged2", delivery="invitation")
    )
    assert (
        "You can only give roles that have no more rights than your own."
        in response.content.decode()
    )
    # A privilege the champion's account does not hold (take it away first).
    champion.user_permissions.remove(
        *champion.user_permissions.filter(codename="change_own_password")
    )
    response = client.post(
        "/users/new/?q=x", details("practitioner", username="forged3", delivery="invitation")
    )
    assert "You can only grant a privilege that you hold yourself." in response.content.decode()
    assert not User.objects.filter(username__startswith="forged").exists()
    # A user id from another partner: simply not found.
    with schema_context(partner_b.schema_name):
        foreign = User.objects.get(username="champion")
    connection.set_tenant(partner_a)
    for path in ["", "edit/", "reset/"]:
        assert client.get(f"/users/{foreign.public_id}/{path}").status_code == 404
    assert client.post(f"/users/{foreign.public_id}/deactivate/").status_code == 404
    with schema_context(partner_b.schema_name):
        foreign.refresh_from_db()
        assert foreign.is_active


def test_search_first_shows_possible_duplicates(champion, partner_a):
    make_user(role_key="practitioner")  # "Test Practitioner"
    client = signed_in(partner_a, champion)
    page = searched(client, "/users/new/", q="Test Pract").content.decode()
    assert 'data-testid="matches"' in page and "Test Practitioner" in page
    page = searched(client, "/users/new/", q="Zebedee").content.decode()
    assert "No existing account matches" in page
    listing = searched(client, "/users/", q="pract").content.decode()
    assert "Test Practitioner" in listing and "Test Manager" not in listing


def test_temporary_password_then_forced_change_at_first_sign_in(champion, partner_a):
    client = signed_in(partner_a, champion)
    response = client.post(
        "/users/new/?q=Temp",
        details("practitioner", username="temp1", delivery="temporary_password"),
    )
    assert "no-store" in response["Cache-Control"]
    secret = response.context["created"].secret
    newcomer = Client(HTTP_HOST=domain_of(partner_a))
    assert newcomer.post("/sign-in/", {"username": "temp1", "password": secret}).status_code == 302
    assert newcomer.get("/")["Location"] == "/account/password/"
    response = newcomer.post(
        "/account/password/", {"new_password1": "short", "new_password2": "short"}
    )
    assert "This password is too short" in response.content.decode()
    response = newcomer.post(
        "/account/password/", {"new_password1": "password123456", "new_password2": "password123456"}
    )
    assert "This password is too common" in response.content.decode()
    response = newcomer.post(
        "/account/password/", {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert newcomer.get("/").status_code == 200
    assert not User.objects.get(username="temp1").check_password(secret)


def test_invitation_link_works_once_and_expires(champion, partner_a):
    client = signed_in(partner_a, champion)
    response = client.post(
        "/users/new/?q=Inv", details("practitioner", username="inv1", delivery="invitation")
    )
    token = response.context["created"].secret
    assert f"/invitation/{token}/" in response.content.decode()
    assert (
        Invitation.objects.get(user__username="inv1").token_hash != token
    )  # only the hash is kept
    newcomer = Client(HTTP_HOST=domain_of(partner_a))
    # The link's token moves into the session: the address the browser keeps has none.
    opened = newcomer.get(f"/invitation/{token}/")
    assert opened.status_code == 302 and opened["Location"] == "/invitation/"
    page = newcomer.get("/invitation/")
    assert page.status_code == 200 and token not in page.content.decode()
    response = newcomer.post(
        "/invitation/", {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302 and newcomer.get("/").status_code == 200
    assert Client(HTTP_HOST=domain_of(partner_a)).get(f"/invitation/{token}/").status_code == 410
    # Used: the session's copy of the token opens nothing either.
    assert newcomer.get("/invitation/").status_code == 410
    assert Client(HTTP_HOST=domain_of(partner_a)).get("/invitation/").status_code == 410
    # A second invitation, left past its 72 hours.
    response = client.post(
        f"/users/{User.objects.get(username='inv1').public_id}/reset/", {"delivery": "invitation"}
    )
    token2 = response.context["created"].secret
    Invitation.objects.filter(used_at__isnull=True).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    late = Client(HTTP_HOST=domain_of(partner_a))
    assert late.get(f"/invitation/{token2}/").status_code == 410
    assert (
        late.post(
            f"/invitation/{token2}/", {"new_password1": "x" * 20, "new_password2": "x" * 20}
        ).status_code
        == 410
    )


def test_an_invitation_of_partner_a_means_nothing_at_partner_b(champion, partner_a, partner_b):
    client = signed_in(partner_a, champion)
    token = (
        client.post(
            "/users/new/?q=I", details("practitioner", username="inv2", delivery="invitation")
        )
        .context["created"]
        .secret
    )
    assert Client(HTTP_HOST=domain_of(partner_b)).get(f"/invitation/{token}/").status_code == 410


@pytest.mark.parametrize("action", ["reset", "deactivate"])
def test_reset_and_deactivation_end_the_users_sessions(champion, partner_a, action):
    target = make_user(role_key="practitioner", password=PASSWORD)
    theirs = signed_in(partner_a, target)
    assert theirs.get("/").status_code == 200
    client = signed_in(partner_a, champion)
    if action == "reset":
        client.post(f"/users/{target.public_id}/reset/", {"delivery": "invitation"})
    else:
        client.post(f"/users/{target.public_id}/deactivate/")
    response = theirs.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_history_shows_who_changed_what(champion, partner_a):
    target = make_user(role_key="practitioner")
    client = signed_in(partner_a, champion)
    client.post(f"/users/{target.public_id}/edit/", details("manager", full_name=target.full_name))
    entry = AuditEntry.objects.get(action="user.update", target_public_id=target.public_id)
    assert entry.actor_username == champion.username
    assert entry.before == {"role": "Practitioner"} and entry.after == {"role": "Manager"}
    assert entry.partner_schema == partner_a.schema_name
    page = client.get("/users/history/").content.decode()
    # In people's words (issue 15): never the codes the service recorded.
    assert "Account changed" in page and "Role: Practitioner → Manager" in page
    assert "user.update" not in page and "is_active" not in page


def test_history_names_a_deactivation_in_words(champion, partner_a):
    client = signed_in(partner_a, champion)
    target = make_user(role_key="practitioner")
    client.post(f"/users/{target.public_id}/deactivate/")
    page = client.get("/users/history/").content.decode()
    assert "Account deactivated" in page and "Active: Yes → No" in page
    assert "user.deactivate" not in page and "True" not in page


def test_platform_staff_create_an_account_in_a_partner_from_the_console(platform, partner_a):
    client = Client(HTTP_HOST=domain_of(platform))
    assert (
        client.post("/sign-in/", {"username": "platform-staff", "password": PASSWORD}).status_code
        == 302
    )
    page = client.get(f"/partners/{partner_a.slug}/users/new/").content.decode()
    assert '<option value="dsl"' in page  # any role of that partner
    response = client.post(
        f"/partners/{partner_a.slug}/users/new/",
        details("dsl", username="from-console", delivery="temporary_password"),
    )
    assert "Account created at Alpha Family Centre" in response.content.decode()
    with schema_context(partner_a.schema_name):
        assert User.objects.get(username="from-console").role.key == "dsl"
    assert not User.objects.filter(username="from-console").exists()  # not in public

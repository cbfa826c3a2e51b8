"""Neither Django's admin nor Wagtail's user and group screens are a way around the rule."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client

from tenants.accounts import capabilities as cap
from tenants.accounts.models import Role, User
from tests.partners import PASSWORD, domain_of
from tests.tenants.accounts.helpers import make_user


def test_django_admin_registers_no_account_or_role_models():
    import config.urls_public  # noqa: F401  (the admin is mounted there)

    registered = set(admin.site._registry)
    assert User not in registered and Group not in registered and Role not in registered


@pytest.mark.parametrize(
    "path",
    ["/cms/users/", "/cms/users/add/", "/cms/groups/", "/cms/groups/add/", "/cms/users/1/"],
)
def test_wagtail_user_and_group_screens_are_withheld(in_partner_a, path):
    editor = make_user(role_key="editor", privileges={cap.CHANGE_OWN_PASSWORD}, password=PASSWORD)
    client = Client(HTTP_HOST=domain_of(in_partner_a))
    client.post("/sign-in/", {"username": editor.username, "password": PASSWORD})
    assert client.get("/cms/").status_code == 200  # editors do reach the manual editor
    users_before = User.objects.count()
    assert client.get(path).status_code == 403
    response = client.post(
        "/cms/users/add/",
        {
            "username": "escalated",
            "email": "e@example.org",
            "password1": "x" * 20,
            "password2": "x" * 20,
            "is_superuser": "on",
            "groups": [Role.objects.get(key="dsl").group_id],
        },
    )
    assert response.status_code == 403
    assert User.objects.count() == users_before
    assert not User.objects.filter(username="escalated").exists()


def test_wagtails_own_sign_in_page_is_the_portals(in_partner_a):
    response = Client(HTTP_HOST=domain_of(in_partner_a)).get("/cms/login/?next=/cms/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/cms/"


def test_a_practitioner_cannot_open_the_manual_editor(in_partner_a):
    practitioner = make_user(role_key="practitioner", password=PASSWORD)
    client = Client(HTTP_HOST=domain_of(in_partner_a))
    client.post("/sign-in/", {"username": practitioner.username, "password": PASSWORD})
    response = client.get("/cms/")
    # Wagtail sends people without admin access to the sign-in page.
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")

"""Nothing written in one partner's schema is visible from another's."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django_tenants.utils import schema_context
from wagtail.models import Page, Site

from tenants.accounts.models import User
from tests.partners import PASSWORD

pytestmark = pytest.mark.security


def test_rows_written_in_one_partner_are_invisible_in_another(partner_a, partner_b):
    with schema_context(partner_a.schema_name):
        User.objects.create_user(username="only-in-a", full_name="Only In A", password=PASSWORD)
        Group.objects.create(name="A's own role")
        home = Site.objects.get(is_default_site=True).root_page
        home.add_child(instance=Page(title="A's secret page", slug="a-secret"))
        assert User.objects.filter(username="only-in-a").exists()
    with schema_context(partner_b.schema_name):
        assert not User.objects.filter(username="only-in-a").exists()
        assert not Group.objects.filter(name="A's own role").exists()
        assert not Page.objects.filter(slug="a-secret").exists()
    with schema_context("_template"):
        assert not User.objects.exists()  # the template never receives a partner's data
        assert not Page.objects.filter(slug="a-secret").exists()


def test_integer_keys_repeat_across_partners_but_public_ids_do_not(partner_a, partner_b):
    with schema_context(partner_a.schema_name):
        first_a = User.objects.order_by("pk").first()
    with schema_context(partner_b.schema_name):
        first_b = User.objects.order_by("pk").first()
    assert first_a.pk == first_b.pk  # each schema has its own sequences
    assert first_a.public_id != first_b.public_id


def test_a_user_of_partner_a_cannot_sign_in_on_partner_b(client_a, client_b):
    # "practitioner" exists only at the family centre (A); B is a support line.
    ok = client_a.post("/sign-in/", {"username": "practitioner", "password": PASSWORD})
    assert ok.status_code == 302
    refused = client_b.post("/sign-in/", {"username": "practitioner", "password": PASSWORD})
    assert refused.status_code == 200
    assert "Enter a correct username and password" in refused.content.decode()
    assert "_auth_user_id" not in client_b.session


def test_unknown_user_and_wrong_password_get_the_same_message(client_a):
    unknown = client_a.post("/sign-in/", {"username": "nobody-here", "password": PASSWORD})
    wrong = client_a.post("/sign-in/", {"username": "practitioner", "password": "wrong-password-1"})
    marker = "Enter a correct username and password. Both are case-sensitive."
    assert marker in unknown.content.decode()
    assert marker in wrong.content.decode()


def test_a_session_from_partner_a_means_nothing_on_partner_b(client_a, partner_b):
    # "champion" exists at both partners: the session cookie of A must still not work at B.
    response = client_a.post("/sign-in/", {"username": "champion", "password": PASSWORD})
    assert response.status_code == 302
    assert client_a.get("/").status_code == 200
    cookie = client_a.cookies["sessionid"].value
    from django.test import Client

    client_b = Client(HTTP_HOST=partner_b.get_primary_domain().domain)
    client_b.cookies["sessionid"] = cookie
    response = client_b.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
    assert connection.schema_name == partner_b.schema_name

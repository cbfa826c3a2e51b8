"""The portal shell over HTTP: sign in, home, the platform console, closed portals, error pages."""

import pytest
from django.test import Client
from django_tenants.utils import schema_context, schema_exists

from tenants.accounts import capabilities as cap
from tenants.accounts.models import User
from tenants.models import Partner
from tenants.services import partner_archive, partner_reopen
from tests.partners import PASSWORD

# As in production: the console runs as the application role (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("as_app_role")

PARTNER_FORM = {
    "kind": "provider",
    "domain": "",
    "champion_full_name": "Chris First-Champion",
    "champion_username": "chris",
    "champion_email": "",
    "champion_delivery": "temporary_password",
}


def sign_in(client: Client, username: str):
    response = client.post("/sign-in/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def test_signed_out_home_redirects_to_sign_in(client_a):
    response = client_a.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/"


def test_sign_in_shows_the_partners_home_with_its_name(client_a, partner_a):
    sign_in(client_a, "practitioner")
    page = client_a.get("/").content.decode()
    assert partner_a.name in page
    assert "Signed in as" in page
    assert 'href="#main-content"' in page  # skip link


def test_sign_out_ends_the_session(client_a):
    sign_in(client_a, "manager")
    assert client_a.post("/sign-out/").status_code == 302
    assert client_a.get("/").status_code == 302


def test_sign_out_needs_post(client_a):
    sign_in(client_a, "manager")
    assert client_a.get("/sign-out/").status_code == 405
    assert client_a.get("/").status_code == 200


def test_archived_partners_portal_is_closed(client_a, partner_a):
    partner_archive(actor=None, partner=partner_a)
    response = client_a.get("/sign-in/")
    assert response.status_code == 410
    assert "This organisation's portal is closed" in response.content.decode()
    assert (
        client_a.post("/sign-in/", {"username": "manager", "password": PASSWORD}).status_code == 410
    )
    partner_reopen(actor=None, partner=partner_a)
    assert client_a.get("/sign-in/").status_code == 200


def test_unknown_host_and_template_schema_are_not_reachable(db):
    assert Client(HTTP_HOST="nowhere.localhost").get("/").status_code == 404
    assert Client(HTTP_HOST="_template.localhost").get("/").status_code in (400, 404)


def test_404_page_leaks_nothing(client_a):
    sign_in(client_a, "practitioner")
    response = client_a.get("/no/such/record/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in body
    assert "Traceback" not in body and "urlpatterns" not in body


def test_error_500_page_renders_without_the_database(rf):
    from tenants.views.system import error_500

    response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem" in response.content.decode()


# --- the platform console -------------------------------------------------------------


def test_partner_staff_cannot_sign_in_to_the_console(platform_client):
    response = platform_client.post("/sign-in/", {"username": "practitioner", "password": PASSWORD})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()


def test_platform_manager_lists_and_creates_partners(platform_client):
    sign_in(platform_client, "platform-manager")
    listing = platform_client.get("/").content.decode()
    assert "Alpha Family Centre" in listing and "Beta Support Line" in listing
    assert "Template" not in listing
    response = platform_client.post(
        "/partners/new/", PARTNER_FORM | {"name": "Omega Advice", "slug": "omega"}
    )
    assert response.status_code == 200
    assert "Account created at Omega Advice" in response.content.decode()
    assert "Omega Advice has been created." in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    omega = Partner.objects.get(slug="omega")
    assert omega.get_primary_domain().domain == "omega.localhost"
    assert "omega.localhost" in platform_client.get("/").content.decode()
    # The first champion exists at Omega, with the manage-users privilege, and must
    # choose their own password at first sign-in.
    with schema_context(omega.schema_name):
        chris = User.objects.get(username="chris")
        assert chris.role.key == "champion"
        assert chris.has_perm(cap.MANAGE_USERS)
        assert chris.must_change_password


def test_partner_and_champion_are_created_together_or_not_at_all(platform_client):
    sign_in(platform_client, "platform-manager")
    response = platform_client.post(
        "/partners/new/",
        PARTNER_FORM | {"name": "Psi Advice", "slug": "psi", "champion_username": "bad name!"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_champion_username"' in body
    assert "Usernames may contain only letters" in body
    assert not Partner.objects.filter(slug="psi").exists()
    assert not schema_exists("partner_psi")


def test_console_form_shows_errors_naming_the_field(platform_client):
    sign_in(platform_client, "platform-manager")
    response = platform_client.post(
        "/partners/new/", PARTNER_FORM | {"name": "Dup", "slug": "alpha"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert 'href="#id_slug"' in body
    assert "A partner with the short name “alpha” already exists." in body
    assert not Partner.objects.filter(name="Dup").exists()


def test_console_refuses_unknown_kind_posted_around_the_form(platform_client):
    sign_in(platform_client, "platform-manager")
    response = platform_client.post(
        "/partners/new/", PARTNER_FORM | {"name": "Sneaky", "slug": "sneaky", "kind": "template"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Partner.objects.filter(slug="sneaky").exists()


def test_platform_staff_without_the_permission_cannot_create_or_archive(platform_client, partner_a):
    sign_in(platform_client, "platform-staff")
    assert platform_client.get("/").status_code == 200
    assert platform_client.get("/partners/new/").status_code == 403
    response = platform_client.post("/partners/new/", PARTNER_FORM | {"name": "No", "slug": "nope"})
    assert response.status_code == 403
    assert platform_client.post(f"/partners/{partner_a.slug}/archive/").status_code == 403
    partner_a.refresh_from_db()
    assert partner_a.is_active
    assert not Partner.objects.filter(slug="nope").exists()


def test_platform_manager_archives_and_reopens(platform_client, partner_a):
    sign_in(platform_client, "platform-manager")
    assert platform_client.post(f"/partners/{partner_a.slug}/archive/").status_code == 302
    partner_a.refresh_from_db()
    assert not partner_a.is_active
    assert platform_client.post(f"/partners/{partner_a.slug}/reopen/").status_code == 302
    partner_a.refresh_from_db()
    assert partner_a.is_active


def test_console_cannot_archive_the_template_or_unknown_slugs(platform_client):
    sign_in(platform_client, "platform-manager")
    assert platform_client.post("/partners/template/archive/").status_code == 404
    assert platform_client.post("/partners/no-such/archive/").status_code == 404


@pytest.mark.parametrize("path", ["/partners/new/", "/django-admin/"])
def test_console_urls_do_not_exist_on_partner_domains(client_a, path):
    sign_in(client_a, "champion")
    assert client_a.get(path).status_code == 404


def test_platform_manager_adds_an_account_at_a_partner(platform_client, partner_b):
    """The console's "Add an account" passes every field of the form to the service."""
    sign_in(platform_client, "platform-manager")
    response = platform_client.post(
        f"/partners/{partner_b.slug}/users/new/",
        {
            "full_name": "Dana Console",
            "username": "dana-console",
            "job_title": "Team lead",
            "email": "dana@example.org",
            "phone": "0161 496 0000",
            "role": "champion",
            "privileges": [cap.CHANGE_OWN_PASSWORD],
            "line_manager": "",
            "delivery": "temporary_password",
        },
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    with schema_context(partner_b.schema_name):
        dana = User.objects.get(username="dana-console")
        assert (dana.full_name, dana.job_title, dana.email, dana.phone, dana.role.key) == (
            "Dana Console",
            "Team lead",
            "dana@example.org",
            "0161 496 0000",
            "champion",
        )
        assert dana.must_change_password

"""The menu lists exactly the pages each demo role can use, and every page it lists
opens for that role (no 403)."""

import re

import pytest

from tenants.accounts.models import User
from tenants.models import Partner
from tests.clients import signed_in

CASEWORK = ["Contacts", "Engagements", "Cases", "Group session", "Referrals received"]
MANAGING = ["Reports", "Manual", "Manual editor", "Roles"]
CHAMPION_TAIL = [
    "Subject access",
    "Retention",
    "Agreements",
    "Manual",
    "Manual editor",
    "Users",
    "Roles",
    "Problems reported",
    "Training",
]
EDITOR = ["Home", "My tasks", "Manual", "Manual editor"]
# At a family centre the safeguarding leads and the data protection role also review
# emergency access (break the glass).
FC_CHAMPION_TAIL = [*CHAMPION_TAIL[:2], "Emergency access", *CHAMPION_TAIL[2:]]

MENUS = {
    ("alpha", "practitioner"): ["Home", *CASEWORK, "Other services", "My tasks", "Manual"],
    ("alpha", "manager"): ["Home", *CASEWORK, "Other services", "My tasks", *MANAGING],
    ("alpha", "dsl"): [
        "Home", *CASEWORK, "Other services", "My tasks", "Reports", "Emergency access",
        *MANAGING[1:],
    ],
    ("alpha", "champion"): [
        "Home", *CASEWORK, "Other services", "My tasks", "Reports", *FC_CHAMPION_TAIL
    ],
    ("alpha", "editor"): EDITOR,
    ("alpha", "data-protection"): [
        "Home", "My tasks", "Reports", "Subject access", "Retention", "Emergency access",
        "Agreements", "Manual",
    ],
    ("alpha", "integrator"): ["Home", *CASEWORK, "Other services", "My tasks", "Manual"],
    ("beta", "call-handler"): ["Home", "Callers", "Other services", "My tasks", "Manual"],
    ("beta", "data-team"): [
        "Home", "Callers", "Review", "Referrals sent", "Other services", "My tasks", "Reports", "Manual"
    ],
    ("beta", "supervisor"): [
        "Home", "Callers", "Review", "Referrals sent", "Other services", "My tasks", *MANAGING
    ],
    ("beta", "champion"): [
        "Home", "Callers", "Review", "Referrals sent", "Other services", "My tasks", "Reports", *CHAMPION_TAIL
    ],
    ("beta", "editor"): EDITOR,
    ("beta", "data-protection"): ["Home", "My tasks", "Reports", "Subject access", "Retention", "Agreements", "Manual"],
    ("beta", "integrator"): ["Home", "Other services", "My tasks", "Manual"],
    ("gamma-borough", "housing-officer"): [
        "Home", "Contacts", "Customers", "Referrals sent", "Referrals received", "Other services", "My tasks",
        "Reports", "Manual",
    ],
    ("gamma-borough", "champion"): [
        "Home", "Contacts", "Customers", "Duplicate customers", "Referrals sent", "Referrals received", "Other services", "My tasks",
        "Reports", *CHAMPION_TAIL,
    ],
    ("gamma-borough", "editor"): EDITOR,
    ("gamma-borough", "integrator"): [
        "Home", "Contacts", "Referrals received", "Other services", "My tasks", "Manual"
    ],
    ("kappa", "adviser"): [
        "Home", "Contacts", "Employment referrals", "Referrals received", "Other services", "My tasks", "Manual"
    ],
    ("kappa", "provider-manager"): [
        "Home", "Contacts", "Employment referrals", "Referrals received", "Other services", "My tasks", *MANAGING
    ],
    ("kappa", "champion"): [
        "Home", "Contacts", "Employment referrals", "Referrals received", "Other services", "My tasks",
        "Reports", *CHAMPION_TAIL,
    ],
    ("kappa", "editor"): EDITOR,
    ("kappa", "integrator"): ["Home", "Contacts", "Referrals received", "Other services", "My tasks", "Manual"],
}  # fmt: skip


def menu_links(html: str) -> list[tuple[str, str]]:
    menu = html.split('data-testid="main-menu"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', menu)


@pytest.mark.parametrize(("slug", "role"), list(MENUS))
def test_the_menu_lists_exactly_the_roles_pages_and_each_opens(slug, role, borough):
    partner = Partner.objects.get(slug=slug)
    from django.db import connection

    connection.set_tenant(partner)
    user = User.objects.get(username=role)
    client = signed_in(partner, user)
    home = client.get("/")
    assert home.status_code == 200
    links = menu_links(home.content.decode())
    assert [label for _, label in links] == MENUS[(slug, role)]
    for url, label in links:
        response = client.get(url)
        assert response.status_code == 200, (slug, role, label, url, response.status_code)
    connection.set_schema_to_public()


def test_the_current_page_is_marked_in_the_menu(partner_a):
    from django.db import connection

    connection.set_tenant(partner_a)
    client = signed_in(partner_a, User.objects.get(username="practitioner"))
    html = client.get("/engagements/").content.decode()
    menu = html.split('data-testid="main-menu"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'<a href="([^"]+)" aria-current="page">', menu) == ["/engagements/"]
    connection.set_schema_to_public()


def test_the_console_help_link_opens_the_console_help(platform_client):
    from tests.partners import PASSWORD

    response = platform_client.post(
        "/sign-in/", {"username": "platform-manager", "password": PASSWORD}
    )
    assert response.status_code == 302
    page = platform_client.get("/postcodes/")
    href = re.search(r'<a href="([^"]*)" data-testid="help-link"', page.content.decode()).group(1)
    assert href == "/help/#postcodes"
    help_page = platform_client.get("/help/")
    assert help_page.status_code == 200
    assert 'id="postcodes"' in help_page.content.decode()
    partners = re.search(
        r'<a href="([^"]*)" data-testid="help-link"', platform_client.get("/").content.decode()
    ).group(1)
    assert partners == "/help/#partners"


@pytest.mark.parametrize("role", ["editor", "data-protection"])
def test_other_services_are_refused_to_roles_the_menu_does_not_offer_them(role, partner_b):
    from django.db import connection

    connection.set_tenant(partner_b)
    client = signed_in(partner_b, User.objects.get(username=role))
    assert client.get("/directory/other-services/").status_code == 403
    call_handler = signed_in(partner_b, User.objects.get(username="call-handler"))
    assert client.get("/").status_code == 200
    assert "Other services" in call_handler.get("/").content.decode()
    assert call_handler.get("/directory/other-services/").status_code == 200
    connection.set_schema_to_public()

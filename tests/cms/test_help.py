"""Help keys: every screen's Help link opens the topic that explains it, for the reader's
role, falling back to the manual's start."""

import pytest
from django.test import Client

from cms import selectors
from tenants.accounts.models import User
from tests.clients import signed_in
from tests.cms.helpers import help_href, main_text, topic
from tests.partners import domain_of


def test_the_header_help_link_carries_the_screens_help_key(in_partner_a):
    client = signed_in(in_partner_a, "champion")
    assert help_href(client.get("/users/")) == "/manual/help/users/"
    assert help_href(client.get("/users/new/")) == "/manual/help/users-create/"
    assert help_href(client.get("/")) == "/manual/help/home/"
    assert help_href(client.get("/manual/")) == "/manual/help/manual/"


def test_help_opens_the_matching_topic_inside_the_portal_layout(in_partner_a):
    client = signed_in(in_partner_a, "practitioner")
    response = client.get("/manual/help/engagement/")
    assert response.status_code == 302
    assert response["Location"] == "/manual/family-centres/engagements/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="partner-name"' in html  # the portal's header
    assert '<h1 class="govuk-heading-xl" data-testid="manual-title">Engagements</h1>' in html
    assert "Opening an engagement" in main_text(page)


@pytest.mark.parametrize(
    ("username", "key", "slug"),
    [
        ("practitioner", "home", "welcome"),
        ("practitioner", "safeguarding-case", "safeguarding-concerns"),
        ("practitioner", "contacts", "contacts-and-households"),
        ("practitioner", "search", "contacts-and-households"),
        ("practitioner", "engagement-close", "closing-an-engagement"),
        ("champion", "users", "creating-and-editing-users"),
        ("champion", "users-edit", "creating-and-editing-users"),
        ("champion", "users-reset", "passwords-and-deactivation"),
        ("manager", "roles", "what-you-can-grant"),
        ("manager", "safeguarding-closure", "safeguarding-closure"),
        ("integrator", "api-tokens", "api-tokens"),
    ],
)
def test_seeded_help_keys_lead_to_their_topics(in_partner_a, username, key, slug):
    client = signed_in(in_partner_a, username)
    response = client.get(f"/manual/help/{key}/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{slug}/")


def test_an_unknown_help_key_falls_back_to_the_manual_home(in_partner_a):
    client = signed_in(in_partner_a, "practitioner")
    response = client.get("/manual/help/no-such-screen/")
    assert response.status_code == 302
    assert response["Location"] == "/manual/?help=no-such-screen"
    home = client.get(response["Location"])
    assert home.status_code == 200
    assert "There is no manual page for that screen yet" in main_text(home)
    assert "Getting started" in main_text(home)


def test_a_key_whose_only_topic_is_for_other_roles_falls_back_for_this_reader(in_partner_a):
    # "safeguarding-closure" is explained only on a page for managers.
    client = signed_in(in_partner_a, "practitioner")
    response = client.get("/manual/help/safeguarding-closure/")
    assert response["Location"] == "/manual/?help=safeguarding-closure"


def test_a_topic_written_for_the_readers_role_wins_over_one_for_everyone(in_partner_a):
    general = topic("engagements")
    assert general.for_roles == []
    chapter = general.get_parent()
    special = chapter.add_child(
        instance=type(general)(
            title="Engagements for managers",
            slug="engagements-for-managers",
            summary="What managers look at.",
            help_keys=["engagement"],
            for_roles=["family_centre:manager"],
        )
    )
    manager = User.objects.get(username="manager")
    practitioner = User.objects.get(username="practitioner")
    assert selectors.topic_for_help_key(actor=manager, key="engagement") == special
    assert selectors.topic_for_help_key(actor=practitioner, key="engagement") == general


def test_an_unpublished_topic_is_not_offered_by_help(in_partner_a):
    page = topic("engagements")
    page.unpublish()
    client = signed_in(in_partner_a, "practitioner")
    assert client.get("/manual/help/engagement/")["Location"] == "/manual/?help=engagement"
    assert client.get("/manual/family-centres/engagements/").status_code == 404


def test_screens_without_a_help_key_link_to_the_manual_home(in_partner_a):
    client = signed_in(in_partner_a, "practitioner")
    response = client.get("/account/")  # "My account" declares no help key
    assert response.status_code == 200
    assert help_href(response) == "/manual/"
    assert help_href(client.get("/manual/search/?q=x")) == "/manual/help/manual-search/"


def test_signed_out_visitors_get_no_help_link_and_no_manual(partner_a):
    client = Client(HTTP_HOST=domain_of(partner_a))
    sign_in = client.get("/sign-in/")
    assert 'href="#" data-testid="help-link" aria-disabled="true"' in sign_in.content.decode()
    for path in ("/manual/", "/manual/help/home/", "/manual/start/welcome/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/sign-in/")


def test_wagtails_own_page_urls_are_the_portals_manual_addresses(in_partner_a):
    # "View live" in the editor and links in rich text use these.
    assert topic("welcome").url == "/manual/start/welcome/"
    assert selectors.manual_home().url == "/manual/"
    assert topic("engagements").get_parent().url == "/manual/family-centres/"

"""The header's search finds only what the user may see, over HTTP too."""

from datetime import date

from django.db import connection
from django.test import Client

from casework.selectors import search_everything
from casework.services.engagements import engagement_open
from tests.partners import PASSWORD, domain_of
from tests.searching import searched
from tests.tenants.accounts.helpers import make_user


def test_search_finds_contacts_for_all_and_engagements_for_those_who_may_see_them(
    practitioner, other_practitioner, manager, child, programme
):
    engagement = engagement_open(
        actor=practitioner, contact=child, programme=programme, start_date=date.today()
    )
    for user in (practitioner, other_practitioner, manager):
        assert search_everything(user=user, query="Bunny")["contacts"] == [child]
    assert search_everything(user=practitioner, query="Buny")["engagements"] == [engagement]  # typo
    assert search_everything(user=manager, query=child.client_id)["engagements"] == [engagement]
    assert search_everything(user=other_practitioner, query="Bunny")["engagements"] == []
    assert search_everything(user=practitioner, query="B") == {"contacts": [], "engagements": []}


def test_search_over_http_and_across_partners(in_partner_a, child, partner_b):
    user = make_user(role_key="practitioner", password=PASSWORD)
    client = Client(HTTP_HOST=domain_of(in_partner_a))
    client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
    page = searched(client, "/search/", q="Bunny").content.decode()
    assert "Sam Bunny" in page and child.client_id in page
    editor = make_user(role_key="editor", password=PASSWORD)
    other = Client(HTTP_HOST=domain_of(in_partner_a))
    other.post("/sign-in/", {"username": editor.username, "password": PASSWORD})
    assert searched(other, "/search/", q="Bunny", expect=403).status_code == 403
    connection.set_tenant(partner_b)
    try:
        supervisor_b = make_user(role_key="supervisor", password=PASSWORD)
        client_b = Client(HTTP_HOST=domain_of(partner_b))
        client_b.post("/sign-in/", {"username": supervisor_b.username, "password": PASSWORD})
        assert "Sam Bunny" not in searched(client_b, "/search/", q="Bunny").content.decode()
    finally:
        connection.set_schema_to_public()

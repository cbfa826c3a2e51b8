"""In the demo (bin/up) each login opens on a home page with something in its queues."""

import re

from django.db import connection
from django.test import Client

from demo.seed import DEMO_PASSWORD, demo_seed
from tenants.models import Partner
from tests.partners import domain_of

# (partner, login) → figures that must not be zero.
NOT_EMPTY = {
    ("riverside", "practitioner"): ["due"],
    ("brightline", "call-handler"): ["my-open-cases", "returned", "spoken-today"],
    ("brightline", "data-team"): ["review"],
    ("brightline", "supervisor"): ["safeguarding"],
    ("northmoor", "housing-officer"): ["open-journeys", "waiting-provider", "booked-today"],
    ("pathway", "adviser"): ["today", "waiting-booking"],
    ("pathway", "provider-manager"): ["today", "waiting-booking"],
    ("pathway", "champion"): ["active-users"],
}


def test_each_demo_login_opens_on_its_work(db):
    demo_seed()
    for (slug, login), keys in NOT_EMPTY.items():
        partner = Partner.objects.get(slug=slug)
        client = Client(HTTP_HOST=domain_of(partner))
        signed = client.post("/sign-in/", {"username": login, "password": DEMO_PASSWORD})
        assert signed.status_code == 302, (slug, login)
        html = client.get("/").content.decode()
        for key in keys:
            match = re.search(rf'data-testid="figure-{key}"><a [^>]+><strong>(\d+)<', html)
            assert match and int(match.group(1)) > 0, (slug, login, key)
        if slug == "riverside":
            assert "Stay &amp; Play session: 2 recorded by name, 3 more not named" in html
    connection.set_schema_to_public()

"""The per-app demo seeds fill each home page's queues (the whole demo, with its own
partners, is tests/workspace/test_demo_home.py): run here in the test partners."""

import re
from types import SimpleNamespace

from django.db import connection

from casework.demo import casework_demo_seed
from casework.safeguarding.demo import safeguarding_demo_seed
from customers import demo as customers_demo
from referrals.demo import support_line_demo_seed
from tenants.accounts.models import User
from tests.clients import signed_in
from tests.customers.journey import inside


def figures(partner, username) -> dict[str, int]:
    client = signed_in(partner, User.objects.get(username=username))
    html = client.get("/").content.decode()
    connection.set_tenant(partner)
    found = re.findall(r'data-testid="figure-([a-z-]+)"><a [^>]+><strong>(\d+)<', html)
    return {key: int(n) for key, n in found} | {"html": html}


def test_family_centre_and_support_line_demos_fill_the_home_pages(partner_a, partner_b):
    with inside(partner_a):
        practitioner = User.objects.get(username="practitioner")
        manager = User.objects.get(username="manager")
        casework_demo_seed(practitioner=practitioner, manager=manager)
        safeguarding_demo_seed(practitioner=practitioner, manager=manager)
        seen = figures(partner_a, "practitioner")
        assert seen["due"] >= 1
        assert "Stay &amp; Play session: 2 recorded by name, 3 more not named" in seen["html"]
    with inside(partner_b):
        support_line_demo_seed(
            handler=User.objects.get(username="call-handler"),
            data_team=User.objects.get(username="data-team"),
        )
        handler = figures(partner_b, "call-handler")
        assert handler["my-open-cases"] == 3 and handler["returned"] == 1
        assert handler["spoken-today"] >= 1
        assert "Please add the date and time" in handler["html"]
        assert figures(partner_b, "data-team")["review"] == 1
        assert figures(partner_b, "supervisor")["safeguarding"] == 1
    connection.set_schema_to_public()


def test_the_employment_demo_fills_the_borough_and_provider_home_pages(
    borough, partner_c, monkeypatch
):
    partners = {"northmoor": borough, "pathway": partner_c}
    fake = SimpleNamespace(
        objects=SimpleNamespace(
            filter=lambda slug: SimpleNamespace(first=lambda: partners.get(slug))
        )
    )
    monkeypatch.setattr(customers_demo, "Partner", fake)
    customers_demo.employment_demo_seed()
    with inside(borough):
        officer = figures(borough, "housing-officer")
        assert officer["open-journeys"] == 4
        assert officer["waiting-provider"] >= 1 and officer["booked-today"] == 1
    with inside(partner_c):
        adviser = figures(partner_c, "adviser")
        assert adviser["today"] == 2 and adviser["waiting-booking"] == 1
        manager = figures(partner_c, "provider-manager")
        assert manager["today"] == 3
    connection.set_schema_to_public()

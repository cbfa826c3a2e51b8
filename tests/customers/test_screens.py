"""Customer screens: every URL against every kind of user, find then create, and bad
input named beside its field."""

import pytest
from django.db import connection

from customers.models import Customer, Interest, NotInterestedReason
from customers.services import customer_create
from tests.casework.screens import today_text, user_with
from tests.clients import signed_in

WHO = ("officer", "champion", "editor", "family_centre")
OK, NF, NO = 200, 404, 403
EXPECTED = {
    "customers": (OK, OK, NO, NO),
    "customer_new": (OK, OK, NO, NO),
    "customer": (OK, OK, NF, NF),
    "customer_history": (OK, OK, NF, NF),
    "reasons": (NO, OK, NO, NO),
}


@pytest.fixture
def jordan(people):
    return customer_create(
        actor=people.officer, first_name="Jordan", last_name="Okafor", housing_reference="HS-9"
    )


def url_of(customer, key):
    return {
        "customers": "/customers/",
        "customer_new": "/customers/new/",
        "customer": f"/customers/{customer.public_id}/",
        "customer_history": f"/customers/{customer.public_id}/history/",
        "reasons": "/customers/reasons/",
    }[key]


@pytest.mark.security
@pytest.mark.parametrize("key", list(EXPECTED))
@pytest.mark.parametrize("who", WHO)
def test_access_matrix(people, jordan, partner_a, who, key):
    expected = EXPECTED[key][WHO.index(who)]
    if who == "family_centre":
        connection.set_tenant(partner_a)
        user, partner = user_with("manager"), partner_a
    else:
        user, partner = getattr(people, who), people.borough
    client = signed_in(partner, user)
    response = client.get(url_of(jordan, key))
    assert response.status_code == expected, (who, key, response.status_code)
    if who == "family_centre":
        assert "Okafor" not in response.content.decode()
    # A refused post changes nothing.
    if expected != OK:
        client.post(
            url_of(jordan, key), {"interest": "interested", "on": today_text(), "name": "X"}
        )
        connection.set_tenant(people.borough)
        assert Customer.objects.get(pk=jordan.pk).interest == Interest.NOT_ASKED
        assert not NotInterestedReason.objects.filter(name="X").exists()
    connection.set_tenant(people.borough)


def test_find_then_create(people, jordan):
    client = signed_in(people.borough, people.officer)
    details = {"first_name": "Jordon", "last_name": "Okafor", "housing_reference": ""}
    page = client.post("/customers/new/", details | {"action": "find"}).content.decode()
    assert "may be the same person" in page and f"/customers/{jordan.public_id}/" in page
    response = client.post("/customers/new/", details | {"action": "create"})
    assert response.status_code == 302
    created = Customer.objects.get(first_name="Jordon")
    assert response["Location"] == f"/customers/{created.public_id}/"


def test_create_names_bad_fields(people, jordan):
    client = signed_in(people.borough, people.officer)
    page = client.post(
        "/customers/new/",
        {
            "action": "create",
            "first_name": "",
            "last_name": "Okafor",
            "postcode": "zzz",
            "housing_reference": "hs-9",
            "date_of_birth": "31/2/1990",
        },
    ).content.decode()
    assert "Enter a real date for “date of birth”" in page
    page = client.post(
        "/customers/new/",
        {"action": "create", "first_name": "", "last_name": "Okafor", "postcode": "zzz"},
    ).content.decode()
    assert "Enter the first name." in page and "“zzz” is not a UK postcode" in page
    page = client.post(
        "/customers/new/",
        {
            "action": "create",
            "first_name": "Jo",
            "last_name": "Okafor",
            "housing_reference": "hs-9",
        },
    ).content.decode()
    assert "already has the housing reference HS-9" in page
    assert Customer.objects.count() == 1


def test_record_interest_on_screen(people, jordan):
    client = signed_in(people.borough, people.officer)
    url = f"/customers/{jordan.public_id}/"
    page = client.post(url, {"interest": "not_interested", "on": today_text()}).content.decode()
    assert "Choose at least one reason, or give another reason in “Other”." in page
    page = client.post(
        url, {"interest": "not_interested", "on": today_text(), "reasons": ["999999"]}
    ).content.decode()
    assert "Choose reasons from the list." in page
    work = NotInterestedReason.objects.get(name="Already in work")
    response = client.post(
        url,
        {
            "interest": "not_interested",
            "on": today_text(),
            "reasons": [str(work.pk)],
            "other": "=cmd",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Already in work" in page and "Other: =cmd" in page


def test_champion_keeps_the_reasons_on_screen(people):
    client = signed_in(people.borough, people.champion)
    page = client.post("/customers/reasons/", {"name": ""}).content.decode()
    assert "Enter the reason." in page
    assert client.post("/customers/reasons/", {"name": "Shift work"}).status_code == 302
    reason = NotInterestedReason.objects.get(name="Shift work")
    assert client.post("/customers/reasons/", {"retire": str(reason.pk)}).status_code == 302
    reason.refresh_from_db()
    assert not reason.is_active
    page = client.post("/customers/reasons/", {"retire": "nope"}).content.decode()
    assert "Choose a reason from the list." in page

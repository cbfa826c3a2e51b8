"""One search over a borough's customers: the same typed queries find the same people in
the header, the Customers list, the find-before-create screen and the API
(customerSearch, customerMatches, customerCreate's matches)."""

import re
from datetime import date

import pytest

from customers.selectors import customer_matches, customers_search
from tests.casework.screens import body, user_with
from tests.clients import signed_in
from tests.customers.journey import a_customer
from tests.graphql_api.helpers import run
from tests.searching import searched

# It reaches the GraphQL schema: no Playwright event loop (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("outside_playwrights_event_loop")

TABLE = [
    ("Jonh Smiht", {"first_name": "Jonh", "last_name": "Smiht"}),
    ("Smith John", {"first_name": "Smith", "last_name": "John"}),
    ("07700 900789", {"phone": "07700 900789"}),
    ("+44 7700 900789", {"phone": "+44 7700 900789"}),
    ("M1 2AB", {"postcode": "M1 2AB"}),
    ("m12ab", {"postcode": "m12ab"}),
    ("27/3/1990", {"date_of_birth": date(1990, 3, 27)}),
    (" hs-0042 ", {"housing_reference": "hs-0042"}),
    ("john.smith@example.org", {"email": "john.smith@example.org"}),
]

FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "postcode",
    "phone",
    "email",
    "housing_reference",
)


def matches_query(fields: dict) -> tuple[str, dict]:
    """customerMatches with the fields given, as GraphQL variables."""
    names = {name: re.sub(r"_(.)", lambda m: m[1].upper(), name) for name in fields}
    kinds = {name: "Date" if name == "date_of_birth" else "String!" for name in fields}
    declared = ", ".join(f"${names[n]}: {kinds[n]}" for n in fields)
    arguments = ", ".join(f"{names[n]}: ${names[n]}" for n in fields)
    query = f"query({declared}) {{ customerMatches({arguments}) {{ customer {{ firstName }} reasons }} }}"
    return query, {names[n]: str(value) for n, value in fields.items()}


@pytest.mark.parametrize(("typed", "fields"), TABLE)
def test_customers_are_found_the_same_way_everywhere(people, typed, fields):
    officer = user_with("housing-officer")
    john = a_customer(
        officer,
        first_name="John",
        last_name="Smith",
        phone="07700 900789",
        postcode="M1 2AB",
        date_of_birth=date(1990, 3, 27),
        housing_reference="HS-0042",
        email="john.smith@example.org",
    )
    a_customer(officer, first_name="Olive", last_name="Stranger", phone="07700 900788")
    found = customers_search(user=officer, query=typed)
    assert found == [john], typed
    assert found[0].matched
    matches = dict(customer_matches(user=officer, **fields))
    assert list(matches) == [john], typed
    client = signed_in(people.borough, officer)
    # Find before create: the screen posts what was typed (it stays out of the URL).
    typed_in = {name: "" for name in FIELDS} | {
        name: value.strftime("%d/%m/%Y") if name == "date_of_birth" else value
        for name, value in fields.items()
    }
    page = body(client.post("/customers/new/", typed_in | {"action": "find"}))
    assert "John Smith" in page and "Olive Stranger" not in page, typed
    assert f'<td class="govuk-table__cell">{", ".join(matches[john])}</td>' in page, typed
    result = run(officer, *matches_query(fields))
    assert result.errors is None, result.errors
    assert result.data["customerMatches"] == [
        {"customer": {"firstName": "John"}, "reasons": matches[john]}
    ], typed
    page = body(searched(client, "/customers/", q=typed))
    assert "John Smith" in page and "Olive Stranger" not in page
    assert f"(matched: {', '.join(found[0].matched)})" in page
    header = body(searched(client, "/search/", q=typed))
    assert f'href="/customers/{john.public_id}/">John Smith</a> – HS-0042' in header, typed
    assert "Olive Stranger" not in header
    assert f"(matched: {', '.join(found[0].matched)})" in header, typed
    result = run(
        officer,
        "query($q: String!) { customerSearch(query: $q) { customer { firstName } reasons } }",
        {"q": typed},
    )
    assert result.errors is None, result.errors
    assert result.data["customerSearch"] == [
        {"customer": {"firstName": "John"}, "reasons": found[0].matched}
    ]


def test_the_header_finds_customers_for_those_who_may_see_them(
    people, partner_a, django_assert_max_num_queries
):
    """A housing officer finds a customer from the header, in a bounded number of
    queries; a role of the borough without customers (the API account) sees no
    Customers at all, nor does another partner's staff."""
    from django.db import connection

    john, *namesakes = (
        a_customer(
            people.officer, first_name="John", last_name="Smith", housing_reference=f"HS-004{n}"
        )
        for n in range(4)
    )
    client = signed_in(people.borough, people.officer)
    # sessions, menus and caches warmed; the search kept under its ?s= address
    kept = searched(client, "/search/", q="Jonh Smiht").address
    # As many as for one customer found: no query per customer (about half of them
    # are django-tenants' SET search_path).
    with django_assert_max_num_queries(45):
        header = body(client.get(kept))
    assert "Customers (4)" in header
    for customer in (john, *namesakes):
        assert f"/customers/{customer.public_id}/" in header
    integrator = signed_in(people.borough, user_with("integrator"))
    for typed in ("John Smith", "HS-0042"):
        header = body(searched(integrator, "/search/", q=typed))
        assert "Customers (" not in header and str(john.public_id) not in header, typed
    connection.set_tenant(partner_a)
    elsewhere = signed_in(partner_a, user_with("practitioner"))
    header = body(searched(elsewhere, "/search/", q="John Smith"))
    assert "Customers (" not in header and str(john.public_id) not in header


def test_the_header_shows_engagements_and_cases_only_where_they_can_be(
    people, partner_a, partner_c
):
    """A borough's housing officer and a provider's adviser have no engagements or
    safeguarding cases (their menus offer neither): no empty sections for them; a
    family centre's practitioner has both."""
    from django.db import connection

    def sections(partner, role):
        connection.set_tenant(partner)
        page = body(searched(signed_in(partner, user_with(role)), "/search/", q="Smith"))
        return {
            name: f'data-testid="search-{name}"' in page and f"{title} (" in page
            for name, title in (("engagements", "Engagements"), ("cases", "Safeguarding cases"))
        } | {"contacts": "Contacts (0)" in page}

    no_sections = {"engagements": False, "cases": False, "contacts": True}
    assert sections(people.borough, "housing-officer") == no_sections
    assert sections(partner_c, "adviser") == no_sections
    assert sections(partner_a, "practitioner") == {
        "engagements": True,
        "cases": True,
        "contacts": True,
    }

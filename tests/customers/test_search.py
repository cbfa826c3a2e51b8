"""One search over a borough's customers: the same typed queries find the same people in
the Customers list, find-before-create and the API (customerSearch, customerMatches)."""

from datetime import date

import pytest

from customers.selectors import customer_matches, customers_search
from tests.casework.screens import body, signed_in, user_with
from tests.customers.journey import a_customer
from tests.graphql_api.conftest import run
from tests.searching import searched

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
    page = body(searched(signed_in(people.borough, officer), "/customers/", q=typed))
    assert "John Smith" in page and "Olive Stranger" not in page
    assert f"(matched: {', '.join(found[0].matched)})" in page
    result = run(
        officer,
        "query($q: String!) { customerSearch(query: $q) { customer { firstName } reasons } }",
        {"q": typed},
    )
    assert result.errors is None, result.errors
    assert result.data["customerSearch"] == [
        {"customer": {"firstName": "John"}, "reasons": found[0].matched}
    ]

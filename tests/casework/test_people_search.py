"""One search, everywhere: a table of typed queries → the people they should find, run
against the header, the Contacts list, the Callers list, find-before-create, a person
picker and the GraphQL API alike; customers through the header, their list, matcher and
API (tests/customers/test_search.py)."""

from datetime import date

import pytest

from casework import selectors
from casework.people_search import read_query
from casework.services.contacts import contact_create
from tests.casework.screens import body, user_with
from tests.clients import signed_in
from tests.graphql_api.helpers import run
from tests.searching import searched

# It reaches the GraphQL schema: no Playwright event loop (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("outside_playwrights_event_loop")

JOHN = "John Smith"
KATE = "Kate Doyle"

# (typed, who should be found, find-before-create fields or None when that form has no such box)
TABLE = [
    ("Jonh Smiht", JOHN, {"first_name": "Jonh", "last_name": "Smiht"}),
    ("Smith John", JOHN, {"first_name": "Smith", "last_name": "John"}),
    ("Jhon Smith", JOHN, {"first_name": "Jhon", "last_name": "Smith"}),
    ("07700 900789", JOHN, {"phone": "07700 900789"}),
    ("+44 7700 900789", JOHN, {"phone": "+44 7700 900789"}),
    ("07700900789", JOHN, {"phone": "07700900789"}),
    ("M1 2AB", JOHN, {"postcode": "M1 2AB"}),
    ("m12ab", JOHN, {"postcode": "m12ab"}),
    ("27/3/2019", JOHN, {"date_of_birth": date(2019, 3, 27)}),
    ("john.smith@example.org", JOHN, {"email": "john.smith@example.org"}),
    ("Doyle", KATE, None),
    ("Kaet Doyle", KATE, {"first_name": "Kaet", "last_name": "Doyle"}),
    ("LS1 4AP", KATE, {"postcode": "ls1 4ap"}),
]


@pytest.fixture
def john_kate_and_strangers(in_partner_a):
    """John Smith and Kate Doyle, with strangers who look like them (the actor, by name)."""
    actor = user_with("practitioner")
    john = contact_create(
        actor=actor,
        kind="child",
        first_name="John",
        last_name="Smith",
        date_of_birth=date(2019, 3, 27),
        phone="07700 900789",
        email="John.Smith@example.org",
        address_line_1="1 Mill Lane",
        postcode="M1 2AB",
    )
    kate = contact_create(
        actor=actor,
        kind="adult",
        first_name="Kate",
        last_name="Doyle",
        address_line_1="9 New Street",
        postcode="LS1 4AP",
    )
    # Strangers who share a syllable, a birthday or a street with them.
    contact_create(actor=actor, kind="adult", first_name="Joan", last_name="Smithers")
    contact_create(
        actor=actor,
        kind="child",
        first_name="Olive",
        last_name="Stranger",
        date_of_birth=date(2019, 3, 28),
        phone="07700 900788",
        address_line_1="2 Mill Lane",
        postcode="M1 2AD",
    )
    return actor, {JOHN: john, KATE: kate}


def names(found) -> set[str]:
    return {f"{p.first_name} {p.last_name}" for p, _ in found}


@pytest.mark.parametrize(("typed", "expected", "fields"), TABLE)
def test_the_same_people_are_found_everywhere(
    john_kate_and_strangers, in_partner_a, typed, expected, fields
):
    actor, by_name = john_kate_and_strangers
    person = by_name[expected]
    found = selectors.people_search(user=actor, query=typed)
    assert expected in names(found), (typed, names(found))
    assert "Olive Stranger" not in names(found)  # a day, a digit or a letter away
    reasons = dict((f"{p.first_name} {p.last_name}", r) for p, r in found)[expected]
    assert reasons  # says what matched
    client = signed_in(in_partner_a, actor)
    header = body(searched(client, "/search/", q=typed))
    assert person.client_id in header, ("header", typed)
    listed = body(searched(client, "/contacts/", q=typed))
    assert person.client_id in listed, ("contacts list", typed)
    # A person picker (the relationship form's search step) offers them too.
    other = by_name[KATE if expected == JOHN else JOHN]
    picker = body(searched(client, f"/contacts/{other.public_id}/", rq=typed))
    assert f'<option value="{person.public_id}"' in picker, ("picker", typed)
    if fields is not None:
        matches = selectors.contact_matches(user=actor, **fields)
        assert expected in names(matches), ("find before create", typed)
    result = run(
        actor,
        "query($q: String!) { contactSearch(query: $q) { contact { clientId } reasons } }",
        {"q": typed},
    )
    assert result.errors is None, result.errors
    api = {m["contact"]["clientId"]: m["reasons"] for m in result.data["contactSearch"]}
    assert api.get(person.client_id) == reasons, ("API", typed)


def test_what_matched_is_said_in_words(john_kate_and_strangers):
    actor, by_name = john_kate_and_strangers
    found = dict((p.pk, r) for p, r in selectors.people_search(user=actor, query="Smith John"))
    assert found[by_name[JOHN].pk] == ["names swapped"]
    found = selectors.contact_matches(
        user=actor, first_name="Jonh", last_name="Smith", phone="07700900789"
    )
    assert found[0][0] == by_name[JOHN]
    assert found[0][1] == ["first name", "last name", "phone"]
    found = selectors.people_search(user=actor, query=by_name[JOHN].client_id.lower())
    assert [(p, r) for p, r in found] == [(by_name[JOHN], ["client ID"])]


def test_the_search_finds_only_what_the_user_may_see(john_kate_and_strangers, partner_b):
    """Another partner's staff find nobody; a role without casework finds nobody."""
    from django.db import connection

    actor, by_name = john_kate_and_strangers
    editor = user_with("editor")
    assert selectors.people_search(user=editor, query="John Smith") == []
    connection.set_tenant(partner_b)
    handler = user_with("call-handler")
    assert selectors.people_search(user=handler, query="John Smith") == []
    assert selectors.people_search(user=handler, query="07700 900789") == []


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Jonh Smiht", {"first_name": "Jonh", "last_name": "Smiht"}),
        ("Mary Ann Smith", {"first_name": "Mary Ann", "last_name": "Smith"}),
        ("Smith", {"words": ("Smith",)}),
        ("07700 900789", {"phone": "07700900789"}),
        ("+44 (0)7700 900789", {"phone": "07700900789"}),
        ("900789", {"phone_part": "900789"}),
        ("rv1 2ab", {"postcode": "RV1 2AB"}),
        ("cb-000012", {"client_id": "CB-000012"}),
        ("2019-03-27", {"date_of_birth": date(2019, 3, 27)}),
        ("Jo@Example.org", {"email": "jo@example.org"}),
        ("x", {}),
    ],
)
def test_one_box_is_read_as_the_field_it_looks_like(text, read):
    typed = read_query(text)
    for name, value in read.items():
        assert getattr(typed, name) == value, (text, name)
    assert bool(typed) == bool(read)


def test_the_pickers_search_as_you_type_within_what_the_user_may_see(
    john_kate_and_strangers, in_partner_a, partner_b
):
    """The JSON endpoint behind every person picker: POST only (what was typed stays out
    of URLs), casework roles only, another partner's people never."""
    from django.db import connection
    from django.test import Client

    from tests.partners import domain_of

    actor, by_name = john_kate_and_strangers
    client = signed_in(in_partner_a, actor)
    answer = client.post("/people/find/", {"q": "Jonh Smiht"})
    assert answer.status_code == 200 and answer["Cache-Control"].startswith("max-age=0")
    results = answer.json()["results"]
    assert results[0]["id"] == str(by_name[JOHN].public_id)
    assert results[0]["label"] == f"John Smith ({by_name[JOHN].client_id}), born 27 Mar 2019"
    assert results[0]["matched"] == ["first name", "last name"]
    assert client.get("/people/find/", {"q": "Jonh Smiht"}).status_code == 405
    editor = signed_in(in_partner_a, user_with("editor"))
    assert editor.post("/people/find/", {"q": "John Smith"}).status_code == 403
    anonymous = Client(HTTP_HOST=domain_of(in_partner_a))
    assert anonymous.post("/people/find/", {"q": "John Smith"}).status_code == 302
    connection.set_tenant(partner_b)
    handler = user_with("call-handler")
    elsewhere = signed_in(partner_b, handler)
    for typed in ("John Smith", "Jonh Smiht", "07700 900789", "M1 2AB", by_name[JOHN].client_id):
        answer = elsewhere.post("/people/find/", {"q": typed})
        assert answer.status_code == 200
        assert str(by_name[JOHN].public_id) not in answer.content.decode(), typed


CALLER_TABLE = [
    ("Jonh Smiht", ["first name", "last name"]),
    ("Smith John", ["names swapped"]),
    ("07700 900789", ["phone"]),
    ("+44 7700 900789", ["phone"]),
    ("900789", ["part of the phone number"]),
    ("M1 2AB", ["postcode"]),
    ("m12ab", ["postcode"]),
]


def test_the_callers_list_finds_the_same_way(partner_b):
    """The support line's Callers list: the same engine, saying what matched."""
    from django.db import connection

    from referrals.services.callers import caller_create

    connection.set_tenant(partner_b)
    handler = user_with("call-handler")
    john = caller_create(
        actor=handler,
        consent="given",
        consent_decided_on=date.today(),
        first_name="John",
        last_name="Smith",
        phone="07700 900789",
        postcode="M1 2AB",
    )
    client = signed_in(partner_b, handler)
    for typed, matched in CALLER_TABLE:
        page = body(searched(client, "/calls/", q=typed))
        assert john.client_id in page, typed
        assert f"(matched: {', '.join(matched)})" in page, typed
    assert john.client_id not in body(searched(client, "/calls/", q="Olive Stranger"))

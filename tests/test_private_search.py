"""Client details never travel in URLs (issue 22): every search that names people posts
and is kept server-side under `?s=<id>` (tenants/accounts/private_search.py). Each
search's own tests go through tests/searching.py's `searched`, which fails when the
redirect, the final address or any link or form on the result holds what was typed;
these check the pattern itself and that no screen goes back to searching by GET."""

import re
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import time_machine
from django.test import Client

from casework.services.contacts import contact_create
from tenants.accounts.private_search import (
    MARKER,
    SEARCH_KEPT_SECONDS,
    SEARCHES_KEPT,
    keep,
    recall,
)
from tests.casework.screens import body, new_child, user_with
from tests.clients import signed_in
from tests.partners import domain_of
from tests.searching import addresses_in, assert_no_typed_detail, searched

pytestmark = pytest.mark.security

ROOT = Path(__file__).resolve().parent.parent

# Forms that may search by GET: what they send names nobody. A new GET form fails here
# until someone has checked that it carries no personal detail and says why.
GET_FORMS_NAMING_NOBODY = {
    "cms/_search_form.html": "the manual's own pages, not people",
    "console/postcode_districts.html": "a postcode area or district code, not an address",
    "reports/_range_form.html": "a report's dates and data set",
    "casework/_service_lookup.html": "the partner's own services",
    "referrals/local_referral_new.html": "the kind of local referral (food, transport…)",
    "referrals/services_elsewhere.html": "other organisations' services: words and a district",
    "console/external_services.html": "other organisations' services, on the platform",
    "events/calendar.html": "a day or week to show, and a colleague (staff, not clients)",
    "access/account_reads.html": "the days to show what a staff account looked at",
}


def _templates():
    for folder in [
        ROOT / "platform" / "templates",
        *ROOT.glob("*/templates"),
        *ROOT.glob("*/*/templates"),
    ]:
        for path in folder.rglob("*.html"):
            yield path.relative_to(folder).as_posix(), path.read_text()


def test_no_template_searches_people_by_get():
    found = {}
    for name, text in _templates():
        for form in re.findall(r"<form\b[^>]*>", text):
            if re.search(r'method="get"', form, re.I):
                found[name] = form
    unreviewed = {name: form for name, form in found.items() if name not in GET_FORMS_NAMING_NOBODY}
    assert not unreviewed, (
        "A form searches by GET: if what it sends can name a person, make it post with "
        '{% include "includes/private_search.html" %} and decorate its view with '
        "private_search; otherwise list it in GET_FORMS_NAMING_NOBODY with the reason.",
        unreviewed,
    )
    assert set(GET_FORMS_NAMING_NOBODY) <= set(found), "a listed GET form no longer exists"


def test_every_form_marked_as_a_search_posts():
    for name, text in _templates():
        for form in re.findall(r"<form\b[^>]*>(?:(?!</form>).)*</form>", text, re.S):
            if "includes/private_search.html" in form:
                assert 'method="post"' in form.split(">", 1)[0], name


@pytest.fixture
def practitioner(in_partner_a):
    return user_with("practitioner")


def test_a_link_made_before_is_kept_and_sent_on_to_an_address_without_it(
    in_partner_a, practitioner
):
    sam = new_child(practitioner)
    client = signed_in(in_partner_a, practitioner)
    response = client.get("/contacts/?q=Bunny")
    assert response.status_code == 302
    assert "Bunny" not in response["Location"] and "s=" in response["Location"]
    assert sam.client_id in body(client.get(response["Location"]))
    # Someone not signed in is sent to sign in from an address without it.
    stranger = Client(HTTP_HOST=domain_of(in_partner_a))
    response = stranger.get("/contacts/?q=Bunny&page=2", follow=True)
    for address, _ in response.redirect_chain:
        assert "Bunny" not in address, address
    assert response.request["PATH_INFO"].startswith("/sign-in")


def test_paging_and_going_back_keep_the_search(in_partner_a, practitioner):
    for n in range(27):
        contact_create(
            actor=practitioner, kind="adult", first_name=f"Ann{n:02d}", last_name="Quarrington"
        )
    new_child(practitioner)  # someone the search does not find
    client = signed_in(in_partner_a, practitioner)
    first = searched(client, "/contacts/", q="Quarrington")
    page = body(first)
    assert "27 contacts matching" in page and "Sam Bunny" not in page
    next_page = next(a for a in addresses_in(page) if "page=2" in a)
    assert "s=" in next_page and "Quarrington" not in next_page
    second = body(client.get("/contacts/" + next_page[next_page.index("?") :]))
    assert "27 contacts matching" in second and "Quarrington" in second
    # Going back: the first address still answers the same search.
    assert body(client.get(first.address)).count("Quarrington") >= 25


def test_a_kept_search_is_its_user_s_own_and_ends(in_partner_a, practitioner):
    new_child(practitioner)
    client = signed_in(in_partner_a, practitioner)
    found = searched(client, "/search/", q="Bunny")
    assert "Sam Bunny" in body(found)
    colleague = signed_in(in_partner_a, user_with("practitioner"))
    theirs = body(colleague.get(found.address))
    assert "Sam Bunny" not in theirs and "no longer kept" in theirs
    # Kept for SEARCH_KEPT_SECONDS (and never past the session's own end).
    held = SimpleNamespace(session={})
    search_id = keep(held, {"q": "Bunny"})
    assert recall(held, search_id) == {"q": "Bunny"}
    assert keep(held, {"q": "Bunny"}) == search_id  # the same search, the same id
    with time_machine.travel(time.time() + SEARCH_KEPT_SECONDS + 1):
        assert recall(held, search_id) is None
    for n in range(SEARCHES_KEPT + 5):
        keep(held, {"q": f"person {n}"})
    assert len(held.session["private_searches"]) == SEARCHES_KEPT


def test_an_empty_search_clears_it(in_partner_a, practitioner):
    client = signed_in(in_partner_a, practitioner)
    response = client.post("/contacts/", {MARKER: "1", "q": "  "})
    assert response.status_code == 302 and response["Location"] == "/contacts/"


def test_the_home_page_s_caller_finder_posts(partner_b):
    from django.db import connection

    connection.set_tenant(partner_b)
    client = signed_in(partner_b, user_with("call-handler"))
    page = body(client.get("/"))
    form = page[: page.index("Find a caller</button>")].rsplit("<form", 1)[1]
    assert 'method="post"' in form and 'action="/calls/"' in form and MARKER in form
    response = client.post("/calls/", {MARKER: "1", "q": "Fairweather"})
    assert response.status_code == 302
    assert_no_typed_detail(response["Location"], {"q": "Fairweather"})
    assert client.get(response["Location"]).status_code == 200

"""The page shell every portal page shares (platform/templates/base.html): the header
search keeps only its own query, and each search landmark has a name of its own."""

import re

from tests.casework.screens import body, user_with
from tests.clients import signed_in
from tests.searching import searched


def _header_query(page: str) -> str:
    field = re.search(r'<input id="header-search"[^>]*>', page).group(0)
    return re.search(r'value="([^"]*)"', field).group(1)


def test_the_header_search_shows_its_own_query_and_no_other_page_s(in_partner_a):
    client = signed_in(in_partner_a, user_with("practitioner"))
    # Another page's `q` (the contacts list's filter) is not the header's.
    assert _header_query(body(searched(client, "/contacts/", q="Zebedee"))) == ""
    assert _header_query(body(client.get("/engagements/?q=Zebedee"))) == ""
    # On the search results page it is: what was searched for stays in the box.
    assert _header_query(body(searched(client, "/search/", q="Zebedee"))) == "Zebedee"


def test_every_search_landmark_on_a_list_page_has_a_name_of_its_own(in_partner_a):
    client = signed_in(in_partner_a, user_with("manager"))
    for path in ("/contacts/", "/deliveries/bulk/"):
        page = body(client.get(path))
        forms = re.findall(r'<form[^>]*role="search"[^>]*>', page)
        names = [re.search(r'aria-label="([^"]+)"', form) for form in forms]
        assert forms and all(names), (path, forms)
        labels = [name.group(1) for name in names]
        assert len(set(labels)) == len(labels), (path, labels)

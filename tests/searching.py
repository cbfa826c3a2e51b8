"""Searching as a person does: the search form posts, and the portal answers with an
address that holds none of what was typed (tenants/accounts/private_search.py).

`searched(client, "/contacts/", q="Sam Bunny")` posts the search, checks the redirect
and every address on the page it leads to, and answers the response."""

import re
from urllib.parse import unquote_plus, urlsplit

from django.test import Client

from tenants.accounts.private_search import MARKER

# Every address a page can send the browser to or ask it to fetch.
ADDRESS = re.compile(r"""(?:href|action|src|formaction)\s*=\s*["']([^"']*)["']""", re.I)


def _typed_words(typed: dict) -> list[str]:
    """What must never be seen in an address: each value typed, and its words."""
    words = []
    for value in typed.values():
        text = str(value).strip()
        if text:
            words.append(text)
            words += [w for w in re.split(r"\s+", text) if len(w) >= 3]
    # A short run of hex digits turns up inside any record's UUID by chance.
    return [w for w in words if not (len(w) < 6 and re.fullmatch(r"[0-9a-fA-F]+", w))]


def addresses_in(page: str) -> list[str]:
    return [unquote_plus(a.replace("&amp;", "&")) for a in ADDRESS.findall(page)]


def assert_no_typed_detail(address: str, typed: dict, where: str = "") -> None:
    query = unquote_plus(urlsplit(address).query + urlsplit(address).path).lower()
    for word in _typed_words(typed):
        assert word.lower() not in query, f"{word!r} is in the address {address!r} {where}"


def searched(client: Client, path: str, *, expect: int = 200, **typed):
    """Post a search to `path` as its form does and follow it; no address involved (the
    redirect, the final address, any link or form on the page) holds what was typed."""
    response = client.post(path, {MARKER: "1", **typed})
    if response.status_code != 302:
        assert response.status_code == expect, (path, response.status_code)
        response.address = path
        return response
    location = response["Location"]
    assert_no_typed_detail(location, typed, "(the redirect)")
    response = client.get(location)
    response.address = location  # where the search is kept: post the page's forms here
    assert response.status_code == expect, (path, location, response.status_code)
    if expect == 200:
        for address in addresses_in(response.content.decode()):
            if address.startswith("/static/") or (
                address.startswith(("http://", "https://")) and "localhost" not in address
            ):
                continue  # fixed assets and outside links: nothing typed goes into them
            assert_no_typed_detail(address, typed, f"(on the page {location})")
    return response

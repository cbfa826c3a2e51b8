"""Checks on every HTML page any test renders through Django's test client: no two
elements share an id (a label, an error-summary link or aria-describedby would reach the
wrong one). Registered for the whole suite in tests/conftest.py."""

import re
from collections import Counter
from html import unescape
from html.parser import HTMLParser

import pytest
from django.test import Client

# Not our pages: Wagtail's own editor and Django's admin.
NOT_OURS = ("/cms/", "/django-admin/")


class IdCounter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = Counter()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] += 1

    handle_startendtag = handle_starttag


# Where an id attribute may start, anywhere in the text (comments and scripts too, so more
# places than the parser counts), its value read as html.parser reads an attribute's. Every
# id the parser counts is among these, so a page whose candidates are all distinct has no
# duplicate and is not parsed: the parser costs tens of milliseconds a page, this one.
_ID_CANDIDATE = re.compile(r"""(?<=['"\s/])(?=id\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))""", re.I)


def may_share_an_id(html: str) -> bool:
    seen = set()
    for match in _ID_CANDIDATE.finditer(html):
        value = match.group(1)
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        if not value:  # the parser counts no empty id either
            continue
        value = unescape(value)
        if value in seen:
            return True
        seen.add(value)
    return False


def duplicate_ids(html: str) -> list[str]:
    if not may_share_an_id(html):
        return []
    parser = IdCounter()
    parser.feed(html)
    parser.close()
    return sorted(name for name, n in parser.ids.items() if n > 1)


def check_page(path: str, response) -> None:
    """Fails when an HTML page of ours has elements sharing an id."""
    if (
        getattr(response, "streaming", False)
        or not response.get("Content-Type", "").startswith("text/html")
        or path.startswith(NOT_OURS)
    ):
        return
    found = duplicate_ids(response.content.decode("utf-8", errors="replace"))
    assert not found, f"{path} has elements sharing an id: {found}"


@pytest.fixture(autouse=True)
def _no_duplicate_ids_on_rendered_pages(monkeypatch):
    original = Client.request

    def request(self, **request):
        response = original(self, **request)
        check_page(request.get("PATH_INFO", ""), response)
        return response

    monkeypatch.setattr(Client, "request", request)

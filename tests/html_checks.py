"""Checks on every HTML page any test renders through Django's test client: no two
elements share an id (a label, an error-summary link or aria-describedby would reach the
wrong one). Registered for the whole suite in tests/conftest.py."""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.test import Client

# Not our pages: Wagtail's own editor and Django's admin.
NOT_OURS = ("/cms/", "/django-admin/")


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = Counter()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] += 1

    handle_startendtag = handle_starttag


def duplicate_ids(html: str) -> list[str]:
    parser = _Ids()
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

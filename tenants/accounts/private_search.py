"""Searches that name people stay out of URLs (issue 22).

What someone types to find a person (a name, a date of birth, a phone number) would land
in access logs, browser history and referring-page headers if it travelled in the
address. So a search form posts; the search is kept in the user's server-side session
under a random id and the browser is sent on to `?s=<id>`, an address that means nothing
to anyone else, keeps paging and the back button working, and ends with the session or
after SEARCH_KEPT_SECONDS.

One decorator does this for every screen whose search names people:

    @private_search("q")
    @login_required
    def contact_list(request):
        query = request.private_search["q"]

The search form posts to the screen with `{% include "includes/private_search.html" %}`
inside it (the CSRF token and the marker that says "this post is a search"). A link made
before, with the details in its query string, still searches: it is kept and redirected
to its `?s=` address at once. Filters that name nobody (status, dates, a first letter)
stay ordinary query parameters.
"""

import re
import secrets
import time
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponseRedirect

MARKER = "private_search"  # the hidden field that marks a post as a search
PARAM = "s"  # the kept search's id in the address
SESSION_KEY = "private_searches"
SEARCH_KEPT_SECONDS = 60 * 60
SEARCHES_KEPT = 20  # per session, the oldest dropped first
VALUE_MAX = 200  # characters kept of each value
_ID = re.compile(r"^[A-Za-z0-9_-]{8,32}$")


class PrivateSearch:
    """What was typed, read back from the session: `search["q"]` ("" when nothing)."""

    def __init__(self, fields: tuple[str, ...], values: dict[str, str], search_id: str = ""):
        self.fields = fields
        self.values = {name: values.get(name, "") for name in fields}
        self.id = search_id

    def __getitem__(self, name: str) -> str:
        if name not in self.fields:
            raise KeyError(name)  # templates then fall back to attributes
        return self.values[name]

    def __bool__(self) -> bool:
        return any(v.strip() for v in self.values.values())

    @property
    def data(self) -> dict[str, str] | None:
        """For a form: its data when something was searched, None (unbound) otherwise."""
        return dict(self.values) if self else None

    @property
    def query_string(self) -> str:
        """`s=<id>` for links and form actions that should keep this search."""
        return urlencode({PARAM: self.id}) if self.id else ""


def _kept(session) -> dict:
    now = time.time()
    kept = session.get(SESSION_KEY) or {}
    return {k: v for k, v in kept.items() if now - v.get("at", 0) < SEARCH_KEPT_SECONDS}


def keep(request, values: dict[str, str]) -> str:
    """Keep a search in the session and answer its id (the same id for the same search,
    so going back and searching again does not pile them up)."""
    kept = _kept(request.session)
    same = [k for k, entry in kept.items() if entry["values"] == values]
    search_id = same[0] if same else secrets.token_urlsafe(12)
    kept[search_id] = {"at": time.time(), "values": values}
    newest = sorted(kept.items(), key=lambda item: item[1]["at"])[-SEARCHES_KEPT:]
    request.session[SESSION_KEY] = dict(newest)
    return search_id


def recall(request, search_id: str) -> dict[str, str] | None:
    if not _ID.match(search_id):
        return None
    entry = _kept(request.session).get(search_id)
    return dict(entry["values"]) if entry else None


def _address(request, fields, search_id: str | None) -> str:
    """This screen's address with its other (non-personal) parameters, without the
    search's fields or the page number, and with the kept search's id."""
    params = [
        (name, value)
        for name, value in request.GET.lists()
        if name not in fields and name not in (PARAM, "page")
        for value in value
    ]
    if search_id:
        params.append((PARAM, search_id))
    return request.path + (f"?{urlencode(params)}" if params else "")


def _typed(source, fields) -> dict[str, str]:
    return {name: source.get(name, "").strip()[:VALUE_MAX] for name in fields}


def private_search(*fields: str):
    """Decorate a screen whose search names people (put it above login_required, so a
    visitor who is not signed in is sent to sign in from an address without them)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and MARKER in request.POST:
                typed = _typed(request.POST, fields)
            elif request.method == "GET" and any(request.GET.get(name) for name in fields):
                typed = _typed(request.GET, fields)  # a link made before
            else:
                typed = None
            if typed is not None:
                signed_in = request.user.is_authenticated
                search_id = keep(request, typed) if signed_in and any(typed.values()) else None
                return HttpResponseRedirect(_address(request, fields, search_id))
            search_id = request.GET.get(PARAM, "")
            values = recall(request, search_id) if search_id else None
            if search_id and values is None and request.user.is_authenticated:
                messages.info(request, "That search is no longer kept. Please search again.")
            if request.method == "POST":
                # A form posted from a page with details in its address (made before):
                # its search still applies to this one request.
                values = values or _typed(request.GET, fields)
            request.private_search = PrivateSearch(
                fields, values or {}, search_id if values else ""
            )
            return view(request, *args, **kwargs)

        return wrapper

    return decorate

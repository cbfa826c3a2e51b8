"""A merged record's pages lead to the record kept: every page under
`contacts/<public_id>/` (the record, each of its tabs and their sub-pages, History, Who
has seen this, …), not only the record itself. One place for all of them: the portal's
URLs are walked once (config.urls_tenant) and each contact page is wrapped, so a tab added
later follows merges without knowing about them (tests/casework/duplicates/
test_merged_pages.py fails on a contact page that does not). Customers' pages the same
way (customers.services.duplicates.CUSTOMER_PAGES)."""

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import URLPattern, URLResolver

from casework.duplicates import selectors
from casework.duplicates.contacts import CONTACTS
from casework.duplicates.kinds import RecordKind

CONTACT_PAGES = "contacts/<uuid:public_id>/"


def follows_merges(view, kind: RecordKind = CONTACTS):
    """The view, except that when it finds no such record because the record was
    merged into another, it sends the user to the same page of the record kept."""
    if getattr(view, "follows_merges", False):
        return view

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            survivor = selectors.survivor_of(
                user=request.user, public_id=kwargs.get("public_id"), kind=kind
            )
            if survivor is None:
                raise
        messages.info(
            request,
            f"That record was merged into {kind.describe(survivor)}: this is the record kept.",
        )
        match = request.resolver_match
        # Only what the address held (not a pattern's fixed extra arguments).
        captured = {**match.captured_kwargs, "public_id": survivor.public_id}
        return redirect(match.view_name, **captured)

    wrapper.follows_merges = True
    return wrapper


def pages_follow_merges(patterns, *, pages: str, kind: RecordKind, prefix: str = ""):
    """Wrap, in place, every view whose address starts with `pages` (included URL
    modules' patterns too). Called once on the portal's URLs; wrapping twice is a no-op."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            pages_follow_merges(pattern.url_patterns, pages=pages, kind=kind, prefix=route)
        elif isinstance(pattern, URLPattern) and route.startswith(pages):
            pattern.callback = follows_merges(pattern.callback, kind)
    return patterns


def contact_pages_follow_merges(patterns, prefix: str = ""):
    """Every page under CONTACT_PAGES follows merges of contacts."""
    return pages_follow_merges(patterns, pages=CONTACT_PAGES, kind=CONTACTS, prefix=prefix)

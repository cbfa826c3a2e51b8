"""A merged record's pages lead to the record kept: every page under
`contacts/<public_id>/` (the record, each of its tabs and their sub-pages, History, Who
has seen this, …), not only the record itself. One place for all of them: the portal's
URLs are walked once (config.urls_tenant) and each contact page is wrapped, so a tab added
later follows merges without knowing about them (tests/casework/duplicates/
test_merged_pages.py fails on a contact page that does not)."""

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import URLPattern, URLResolver

from casework.duplicates import selectors

CONTACT_PAGES = "contacts/<uuid:public_id>/"


def follows_merges(view):
    """The view, except that when it finds no such contact because the contact was
    merged into another, it sends the user to the same page of the record kept."""
    if getattr(view, "follows_merges", False):
        return view

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            survivor = selectors.survivor_of(user=request.user, public_id=kwargs.get("public_id"))
            if survivor is None:
                raise
        messages.info(
            request,
            f"That record was merged into {survivor.display_name}'s ({survivor.client_id}): "
            "this is the record kept.",
        )
        match = request.resolver_match
        # Only what the address held (not a pattern's fixed extra arguments).
        captured = {**match.captured_kwargs, "public_id": survivor.public_id}
        return redirect(match.view_name, **captured)

    wrapper.follows_merges = True
    return wrapper


def contact_pages_follow_merges(patterns, prefix: str = ""):
    """Wrap, in place, every view whose address starts with CONTACT_PAGES (included URL
    modules' patterns too). Called once on the portal's URLs; wrapping twice is a no-op."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            contact_pages_follow_merges(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.startswith(CONTACT_PAGES):
            pattern.callback = follows_merges(pattern.callback)
    return patterns

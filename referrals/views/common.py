"""Helpers shared by the support-line and exchange screens."""

import uuid

from django.http import Http404

from casework.views_common import found, page_of  # noqa: F401 - re-exported for the screens


def yes(value) -> bool:
    return value == "yes"


def service_id(request):
    """Which of a partner's services a directory screen keeps (`?service=<its id>`):
    None for the partner's first; Http404 for a malformed id."""
    raw = request.GET.get("service")
    if raw in (None, "", "new"):
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise Http404 from None

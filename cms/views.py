"""The manual in the portal: browse, search, Help links and pages, inside the portal's
layout. Thin: each view asks one selector what the signed-in person may see."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from wagtail.images.views.serve import ServeView

from cms import selectors
from tenants.accounts.views_common import help_key

SEARCH_MAX_LENGTH = 200


def withheld(request, *args, **kwargs):
    """Wagtail's user and group management: refused for everyone (see cms/wagtail_hooks.py)."""
    raise PermissionDenied("Accounts are managed on the Users page, under the delegation rule.")


def _render_page(request, page, **extra):
    context = page.get_context(request)
    context.update(extra)
    return render(request, page.get_template(request), context)


@login_required
@help_key("manual")
def manual_home(request):
    home = selectors.manual_home()
    if home is None:
        raise Http404("This partner has no manual yet.")
    missing = request.GET.get("help", "")[:60]
    return _render_page(request, home, missing_help_key=missing)


@login_required
@help_key("manual")
def manual_page(request, path):
    page = selectors.page_at_path(actor=request.user, path=path)
    if page is None:
        raise Http404("No such manual page.")
    return _render_page(request, page)


@login_required
@help_key("manual-search")
def manual_search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    results = selectors.topics_search(actor=request.user, query=query)
    return render(
        request,
        "cms/search.html",
        {"query": query, "results": results, "home": selectors.manual_home()},
    )


@login_required
def manual_help(request, key):
    """The Help link of a screen: its topic, or the manual's start when there is none
    the person may see."""
    topic = selectors.topic_for_help_key(actor=request.user, key=key)
    if topic is not None:
        return redirect(topic.get_url(request))
    return redirect(f"{reverse('manual_home')}?{urlencode({'help': key})}")


class ManualImageView(ServeView):
    """Screenshots in the manual, from this partner's own storage, for signed-in staff
    only (Wagtail's signed image URLs; never cached by shared caches)."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["Cache-Control"] = "private, max-age=3600"
        return response


manual_image = login_required(ManualImageView.as_view(action="serve"))

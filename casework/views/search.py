from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from casework import selectors
from casework.header_search import sections_found
from casework.safeguarding.selectors import cases_matching
from casework.views_common import require_casework
from tenants.accounts.private_search import private_search
from tenants.accounts.views_common import help_key


@private_search("q")
@login_required
@help_key("search")
def search(request):
    require_casework(request)
    query = request.private_search["q"]
    results = selectors.search_everything(user=request.user, query=query)
    results["cases"] = cases_matching(user=request.user, query=query)
    results["sections"] = sections_found(user=request.user, query=query)  # customers…
    return render(request, "casework/search.html", {"query": query.strip(), **results})


PICKER_LIMIT = 20


@never_cache
@require_POST
@login_required
def people_find(request):
    """The person pickers' search as you type: the one search, as JSON, over the people
    the user may see (or, asked for engagements, their open engagements the user may
    see). POST, so what was typed stays out of URLs and server logs."""
    require_casework(request)
    query = request.POST.get("q", "")[:200]
    found = selectors.people_search(user=request.user, query=query, limit=PICKER_LIMIT)
    if request.POST.get("offer") == "engagements":  # a group session's rows
        matched = {person.pk: reasons for person, reasons in found}
        rank = {pk: place for place, pk in enumerate(matched)}  # best match first
        engagements = sorted(
            selectors.open_engagements_visible_to(user=request.user).filter(
                contact__in=list(matched)
            )[:PICKER_LIMIT],
            key=lambda e: rank[e.contact_id],
        )
        results = [
            {"id": str(e.public_id), "label": engagement_label(e), "matched": matched[e.contact_id]}
            for e in engagements
        ]
    else:
        results = [
            {"id": str(person.public_id), "label": person_label(person), "matched": reasons}
            for person, reasons in found
        ]
    return JsonResponse({"results": results})


def person_label(person) -> str:
    """How a picker names someone: name, client ID and birth date tell namesakes apart."""
    born = f", born {person.date_of_birth:%-d %b %Y}" if person.date_of_birth else ""
    return f"{person.display_name} ({person.client_id}){born}"


def engagement_label(engagement) -> str:
    """How a group session's row names an engagement: the client, then the programme."""
    contact = engagement.contact
    return f"{contact.display_name} ({contact.client_id}) – {engagement.programme.name}"

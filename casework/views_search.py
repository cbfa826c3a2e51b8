from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from casework import selectors
from casework.header_search import sections_found
from casework.safeguarding.selectors import cases_matching
from casework.views_common import require_casework
from tenants.accounts.views_common import help_key


@login_required
@help_key("search")
def search(request):
    require_casework(request)
    query = request.GET.get("q", "")[:200]
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
    the user may see. POST, so what was typed stays out of URLs and server logs."""
    require_casework(request)
    query = request.POST.get("q", "")[:200]
    found = selectors.people_search(user=request.user, query=query, limit=PICKER_LIMIT)
    return JsonResponse(
        {
            "results": [
                {
                    "id": str(person.public_id),
                    "label": person_label(person),
                    "matched": reasons,
                }
                for person, reasons in found
            ]
        }
    )


def person_label(person) -> str:
    """How a picker names someone: name, client ID and birth date tell namesakes apart."""
    born = f", born {person.date_of_birth:%-d %b %Y}" if person.date_of_birth else ""
    return f"{person.display_name} ({person.client_id}){born}"

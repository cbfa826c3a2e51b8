from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from casework import selectors
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
    return render(request, "casework/search.html", {"query": query.strip(), **results})

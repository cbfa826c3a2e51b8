"""Other organisations' services (external services, imported by the platform from
their Open Referral UK feeds): any partner's staff find one to signpost a person to,
by the phone, email or website it gives. Public facts only; nothing is recorded."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from referrals.selectors_directory import external_services
from tenants.accounts.views_common import help_key


@never_cache
@login_required
@help_key("directory-entry")
def services_elsewhere(request):
    query = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "referrals/services_elsewhere.html",
        {"services": external_services(text=query), "query": query},
    )

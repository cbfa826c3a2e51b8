"""Other organisations' services (external services, imported by the platform from
their Open Referral UK feeds): any partner's staff find one to signpost a person to,
by the phone, email or website it gives (those who help people: the menu's "Other
services"). Public facts only; nothing is recorded."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from referrals import policy
from referrals.selectors_directory import external_services
from tenants.accounts.views_common import help_key, require


@never_cache
@login_required
@help_key("directory-entry")
def services_elsewhere(request):
    require(
        policy.can_find_services_elsewhere(request.user),
        "Only staff who help people look up other organisations' services.",
    )
    query = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "referrals/services_elsewhere.html",
        {"services": external_services(text=query), "query": query},
    )

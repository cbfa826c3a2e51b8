"""The support line's case lists (the home page's counts lead here): my open cases,
cases returned to me, and for supervisors safeguarding and lawful-basis queues."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from referrals import policy, selectors_queues
from referrals.views.common import page_of
from tenants.accounts.views_common import help_key, require


@never_cache
@login_required
@help_key("support-line-cases")
def support_case_list(request):
    require(policy.can_handle_calls(request.user) or policy.can_review_cases(request.user))
    show = request.GET.get("show", "mine")
    if show not in selectors_queues.CASE_LISTS:
        raise Http404
    if show in ("safeguarding", "lawful-basis"):
        require(policy.can_set_lawful_basis(request.user), "Only supervisors see this list.")
    cases = selectors_queues.case_list(user=request.user, show=show)
    return render(
        request,
        "referrals/case_list.html",
        {"page": page_of(request, cases), "show": show, "title": selectors_queues.CASE_LISTS[show]},
    )

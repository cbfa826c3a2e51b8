"""The provider's appointment lists (the home page's counts lead here): today's, and
those still without a status, the adviser's own or the whole team's."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from casework.views_common import page_of
from customers import policy
from customers.selectors_queues import appointments_queue
from tenants.accounts.views_common import help_key

SHOWS = {"today": "Today's appointments", "missing": "Appointments without a status"}


@never_cache
@login_required
@help_key("journeys")
def appointment_list(request):
    policy.check_record_outcomes(request.user)
    show = request.GET.get("show", "today")
    if show not in SHOWS:
        raise Http404
    team = request.GET.get("who") == "team"
    appointments = appointments_queue(
        user=request.user, show=show, today=timezone.localdate(), mine=not team
    )
    return render(
        request,
        "customers/appointment_list.html",
        {
            "page": page_of(request, appointments),
            "show": show,
            "title": SHOWS[show],
            "team": team,
        },
    )

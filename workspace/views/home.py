"""The home page: the panels of the user's role at this partner (workspace.panels)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from tenants.accounts.views_common import help_key
from workspace.panels import home_panels


@login_required
@help_key("home")
def home(request):
    panels = home_panels(user=request.user, partner=request.tenant)
    return render(
        request,
        "workspace/home.html",
        {
            "wide_panels": [shown for shown in panels if shown.panel.wide],
            "panels": [shown for shown in panels if not shown.panel.wide],
        },
    )

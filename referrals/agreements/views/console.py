"""The console's platform-wide agreements: platform staff see them, platform managers
set and end them. Routed from config.urls_public."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from referrals.agreements import forms, policy, selectors, services
from referrals.agreements.views.agreements import described
from tenants import policy as tenants_policy
from tenants.accounts.views_common import form_done


def _platform_only(request):
    if not tenants_policy.is_platform_user(request.user):
        raise PermissionDenied


@never_cache
@login_required
def platform_agreement_list(request):
    _platform_only(request)
    can_set = policy.can_keep_platform_agreements(request.user)
    form = forms.PlatformTermsForm(request.POST if request.method == "POST" and can_set else None)
    if request.method == "POST" and not can_set:
        raise PermissionDenied

    def work():
        services.platform_agreement_set(actor=request.user, **form.service_arguments())

    if form_done(request, form, work, done="The platform-wide agreement is in force."):
        return redirect("console_agreements")
    return render(
        request,
        "agreements/console_agreements.html",
        {
            "agreements": [described(a) for a in selectors.platform_agreements()],
            "form": form if can_set else None,
        },
    )


@never_cache
@login_required
def platform_agreement_detail(request, public_id):
    _platform_only(request)
    agreement = selectors.platform_agreement_get(public_id=public_id)
    if agreement is None:
        raise Http404
    can_end = policy.can_end_platform(request.user, agreement)
    if request.method == "POST" and not can_end:
        raise PermissionDenied
    end = forms.ReasonForm(request.POST if request.method == "POST" else None, prefix="end")

    def work():
        services.platform_agreement_end(
            actor=request.user, agreement=agreement, reason=end.cleaned_data["reason"]
        )

    if form_done(request, end, work, done="The platform-wide agreement has ended."):
        return redirect("console_agreements")
    return render(
        request,
        "agreements/console_agreement.html",
        {"agreement": described(agreement), "end_form": end, "can_end": can_end},
    )

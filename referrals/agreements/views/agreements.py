"""The partner's Agreements page (list, propose, and one agreement with its answer and
ending) for champions and data protection officers; the console's platform-wide page is
views/console.py. Thin: each POST calls one service through form_done."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from referrals.agreements import forms, policy, selectors, services
from referrals.agreements.models import AgreementStatus
from referrals.types import PERSON_FIELD_LABELS, REFERRAL_TYPES
from tenants.accounts.views_common import form_done, help_key, require

REFUSED = "Only a champion or data protection officer manages data-sharing agreements."


def described(agreement, partner=None):
    """What a page shows of an agreement, in words: the other party, types and fields."""
    agreement.type_labels = [
        REFERRAL_TYPES[t].label if t in REFERRAL_TYPES else t for t in agreement.referral_types
    ]
    agreement.field_labels = [PERSON_FIELD_LABELS.get(f, f) for f in agreement.person_fields]
    agreement.other = (
        None if agreement.is_platform_wide or partner is None else agreement.other_than(partner)
    )
    agreement.in_force = selectors.is_in_force(agreement)
    return agreement


@never_cache
@login_required
@help_key("agreements")
def agreement_list(request):
    require(policy.can_manage_agreements(request.user), REFUSED)
    partner = request.tenant
    agreements = [described(a, partner) for a in selectors.agreements_of(partner=partner)]
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "waiting": [
                a
                for a in agreements
                if a.status == AgreementStatus.PROPOSED and a.partner_id == partner.pk
            ],
            "agreements": agreements,
            "can_propose": not partner.is_training,
        },
    )


@never_cache
@login_required
@help_key("agreements")
def agreement_new(request):
    require(policy.can_manage_agreements(request.user), REFUSED)
    partner = request.tenant
    form = forms.ProposeForm(
        request.POST if request.method == "POST" else None,
        partners=list(selectors.partners_to_propose_to(partner=partner)),
    )
    made = {}

    def work():
        made["agreement"] = services.agreement_propose(
            actor=request.user, **form.service_arguments()
        )

    if form_done(request, form, work, done="The agreement has been proposed."):
        return redirect("agreement_detail", public_id=made["agreement"].public_id)
    return render(
        request,
        "agreements/agreement_form.html",
        {
            "form": form,
            "title": "Propose a data-sharing agreement",
            "caption": partner.name,
            "intro": "Referrals of the kinds it covers can be sent either way between the "
            "two partners once they accept it, from its start date to its end date.",
            "button": "Propose the agreement",
            "back_url": reverse("agreements"),
            "back_label": "Agreements",
        },
    )


@never_cache
@login_required
@help_key("agreements")
def agreement_detail(request, public_id):
    require(policy.can_manage_agreements(request.user), REFUSED)
    partner = request.tenant
    agreement = selectors.agreement_get(partner=partner, public_id=public_id)
    if agreement is None:
        raise Http404
    action = request.POST.get("action") if request.method == "POST" else None
    decline = forms.ReasonForm(request.POST if action == "decline" else None, prefix="decline")
    end = forms.ReasonForm(request.POST if action == "end" else None, prefix="end")
    accept = forms.AcceptForm(request.POST if action == "accept" else None)
    steps = {
        "accept": (
            accept,
            lambda: services.agreement_accept(actor=request.user, agreement=agreement),
            "The agreement is accepted.",
        ),
        "decline": (
            decline,
            lambda: services.agreement_decline(
                actor=request.user, agreement=agreement, reason=decline.cleaned_data["reason"]
            ),
            "The agreement is declined.",
        ),
        "end": (
            end,
            lambda: services.agreement_end(
                actor=request.user, agreement=agreement, reason=end.cleaned_data["reason"]
            ),
            "The agreement has ended: no new referrals are sent under it.",
        ),
    }
    if action in steps:
        form, work, done = steps[action]
        if form_done(request, form, work, done=done):
            return redirect("agreement_detail", public_id=agreement.public_id)
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": described(agreement, partner),
            "can_answer": policy.can_answer(request.user, agreement, partner),
            "can_end": policy.can_end(request.user, agreement, partner),
            "accept_form": accept,
            "decline_form": decline,
            "end_form": end,
        },
    )

"""Likely duplicate contacts, for managers: the list (with "Find duplicates"), and one
pair side by side with "not a duplicate". Thin: selectors find, one service decides; who may is
casework.duplicates.policy's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from casework import selectors as casework_selectors
from casework.duplicates import nightly, policy, selectors, services
from casework.duplicates.forms import NotDuplicateForm
from casework.views_common import found
from tenants.accounts.views_common import form_done, help_key


@never_cache
@login_required
@help_key("duplicates")
def duplicate_list(request):
    policy.check_review_duplicates(request.user)
    if request.method == "POST":
        result = services.contact_duplicates_find(actor=request.user)
        messages.success(request, nightly.found_said(result))
        return redirect("duplicates")
    return render(
        request,
        "duplicates/pairs.html",
        {"pairs": selectors.duplicate_pairs(user=request.user)},
    )


@never_cache
@login_required
@help_key("duplicates")
def duplicate_review(request, first, second):
    policy.check_review_duplicates(request.user)
    pair = found(
        selectors.duplicate_pair_get(
            user=request.user, first_public_id=first, second_public_id=second
        )
    )
    form = NotDuplicateForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: services.not_duplicate_record(
            actor=request.user,
            first=pair.first,
            second=pair.second,
            reason=form.cleaned_data["reason"],
        ),
        done=f"{pair.first.display_name} and {pair.second.display_name} are kept as "
        "different people.",
    ):
        return redirect("duplicates")
    sides = [
        {
            "contact": contact,
            "engagements": casework_selectors.engagements_of(
                user=request.user, contact=contact
            ).count(),
        }
        for contact in (pair.first, pair.second)
    ]
    return render(request, "duplicates/pair.html", {"pair": pair, "sides": sides, "form": form})

"""Likely duplicate customers, for a borough's champion or manager: the list (with "Find
duplicates"), a pair side by side with "not a duplicate", merging the two (field by
field) and undoing a merge. Thin: selectors find, one service decides; who may is
customers.policy's. The forms are the shared machinery's (casework.duplicates.forms)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from casework.duplicates import nightly
from casework.duplicates.forms import MergeForm, NotDuplicateForm, UnmergeForm
from casework.views_common import found
from customers import policy, selectors, selectors_duplicates
from customers.services import duplicates as services
from customers.services.duplicates import CUSTOMERS
from tenants.accounts.views_common import form_done, help_key


@never_cache
@login_required
@help_key("duplicates")
def customer_duplicate_list(request):
    policy.check_review_duplicates(request.user)
    if request.method == "POST":
        result = services.customer_duplicates_find(actor=request.user)
        messages.success(request, nightly.found_said(result))
        return redirect("customer_duplicates")
    return render(
        request,
        "customers/duplicates/pairs.html",
        {"pairs": selectors_duplicates.customer_duplicate_pairs(user=request.user)},
    )


@never_cache
@login_required
@help_key("duplicates")
def customer_duplicate_review(request, first, second):
    policy.check_review_duplicates(request.user)
    pair = found(
        selectors_duplicates.customer_duplicate_pair_get(
            user=request.user, first_public_id=first, second_public_id=second
        )
    )
    form = NotDuplicateForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: services.customers_not_duplicate(
            actor=request.user,
            first=pair.first,
            second=pair.second,
            reason=form.cleaned_data["reason"],
        ),
        done=f"{pair.first} and {pair.second} are kept as different people.",
    ):
        return redirect("customer_duplicates")
    sides = [
        {
            "customer": customer,
            "referrals": len(selectors.customer_journey(user=request.user, customer=customer)),
        }
        for customer in (pair.first, pair.second)
    ]
    return render(
        request, "customers/duplicates/pair.html", {"pair": pair, "sides": sides, "form": form}
    )


@never_cache
@login_required
@help_key("duplicates")
def customers_merge(request, public_id, other):
    policy.check_review_duplicates(request.user)
    first = found(selectors.customer_get(user=request.user, public_id=public_id))
    second = found(selectors.customer_get(user=request.user, public_id=other))
    if first.pk == second.pk:
        raise PermissionDenied("Choose two different customers to merge.")
    form = MergeForm(
        request.POST or None,
        sides=[first, second],
        differing=CUSTOMERS.differing(first, second),
        describe=CUSTOMERS.describe,
    )
    chosen = {}

    def merge():
        chosen.update(form.merge_arguments())
        services.customers_merge(actor=request.user, reason=form.cleaned_data["reason"], **chosen)

    if form_done(request, form, merge, done=f"{first} and {second} are now one record."):
        return redirect("customer_detail", public_id=chosen["survivor"].public_id)
    return render(
        request, "customers/duplicates/merge.html", {"sides": [first, second], "form": form}
    )


@never_cache
@login_required
@help_key("duplicates")
def customers_unmerge(request, public_id):
    merge = found(selectors_duplicates.customer_merge_get(user=request.user, public_id=public_id))
    form = UnmergeForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: services.customers_unmerge(
            actor=request.user, merge=merge, reason=form.cleaned_data["reason"]
        ),
        done=f"The merge is undone: {merge.merged} has their own record again.",
    ):
        return redirect("customer_detail", public_id=merge.survivor.public_id)
    return render(request, "customers/duplicates/unmerge.html", {"merge": merge, "form": form})

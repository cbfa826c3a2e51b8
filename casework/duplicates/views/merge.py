"""Merging two records of one person (from the likely duplicates, or "Merge with…" on a
contact's record) and undoing a merge. Thin: selectors find, one service merges or
unmerges; who may is casework.duplicates.policy's."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from casework import selectors as casework_selectors
from casework.duplicates import merging, selectors
from casework.duplicates.forms import MergeForm, MergeWithForm, UnmergeForm
from casework.views_common import found, require_casework
from tenants.accounts.private_search import private_search
from tenants.accounts.views_common import form_done, help_key


@private_search("q")
@never_cache
@login_required
@help_key("duplicates")
def merge_with(request, public_id):
    """Find the other record of the same person, to merge with this one (the search
    posts and is kept out of the address: it names a person)."""
    require_casework(request)
    contact = found(casework_selectors.contact_get(user=request.user, public_id=public_id))
    search = MergeWithForm(request.private_search.data)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    people = []
    if query:
        people = [
            person
            for person, _ in casework_selectors.people_search(user=request.user, query=query)
            if person.pk != contact.pk
        ]
    return render(
        request,
        "duplicates/merge_with.html",
        {"contact": contact, "search": search, "query": query, "people": people},
    )


@never_cache
@login_required
@help_key("duplicates")
def contacts_merge(request, public_id, other):
    require_casework(request)
    first = found(casework_selectors.contact_get(user=request.user, public_id=public_id))
    second = found(casework_selectors.contact_get(user=request.user, public_id=other))
    if first.pk == second.pk:
        raise PermissionDenied("Choose two different contacts to merge.")
    refusal = merging.merge_refusal(actor=request.user, survivor=first, merged=second)
    if refusal:
        raise PermissionDenied(refusal)
    form = MergeForm(
        request.POST or None,
        sides=[first, second],
        differing=merging.differing_details(first, second),
    )
    chosen = {}

    def merge():
        chosen.update(form.merge_arguments())
        merging.contacts_merge(actor=request.user, reason=form.cleaned_data["reason"], **chosen)

    if form_done(
        request,
        form,
        merge,
        done=f"{first.display_name} and {second.display_name} are now one record.",
    ):
        return redirect("contact_detail", public_id=chosen["survivor"].public_id)
    return render(request, "duplicates/merge.html", {"sides": [first, second], "form": form})


@never_cache
@login_required
@help_key("duplicates")
def contacts_unmerge(request, public_id):
    merge = found(selectors.merge_get(user=request.user, public_id=public_id))
    form = UnmergeForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: merging.contacts_unmerge(
            actor=request.user, merge=merge, reason=form.cleaned_data["reason"]
        ),
        done=f"The merge is undone: {merge.merged.display_name} has their own record again.",
    ):
        return redirect("contact_detail", public_id=merge.survivor.public_id)
    return render(request, "duplicates/unmerge.html", {"merge": merge, "form": form})

"""The platform console's view of the exchange: every partner's directory entry, with
the referral types in words. Routed from config.urls_public (the console's own URLs live
in tenants, below referrals)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from referrals.forms.directory import DirectoryEntryForm
from referrals.selectors_directory import (
    directory_entries_all,
    directory_entry_for,
    partners_listed,
    partners_without_entry,
)
from referrals.services.directory import directory_entry_update
from referrals.types import REFERRAL_TYPES
from referrals.views.common import service_id
from tenants import policy
from tenants.accounts.views_common import form_done
from tenants.models import Region


def _platform_only(request):
    if not policy.is_platform_user(request.user):
        raise PermissionDenied


@never_cache
@login_required
def directory(request):
    _platform_only(request)
    entries = directory_entries_all()
    for entry in entries:
        entry.type_labels = [
            REFERRAL_TYPES[t].label if t in REFERRAL_TYPES else t for t in entry.referral_types
        ]
        entry.region_labels = [Region(r).label for r in entry.regions if r in Region.values]
    return render(
        request,
        "console/directory.html",
        {
            "entries": entries,
            "can_change": policy.can_keep_reference_data(request.user),
            "without_entry": partners_without_entry(),
            # Partners listed, once each: the console may add a further service for any.
            "with_entry": list({e.partner_id: e.partner for e in entries}.values()),
        },
    )


@never_cache
@login_required
def directory_entry_change(request, slug):
    """A platform manager corrects (or adds) one partner's entry."""
    _platform_only(request)
    partner = get_object_or_404(partners_listed(), slug=slug)
    if not policy.can_keep_directory_entry(request.user, partner):
        raise PermissionDenied
    # `?service=new` adds another service for a partner that has one (as the partner's
    # own screen does); with none, the first is added either way.
    entry = directory_entry_for(partner, service_id(request))
    if entry is None and service_id(request) is not None:
        raise Http404
    adding = request.GET.get("service") == "new" and entry is not None
    if adding:
        entry = None
    initial = DirectoryEntryForm.initial_for(entry, partner)
    form = DirectoryEntryForm(request.POST if request.method == "POST" else None, initial=initial)

    def work():
        return directory_entry_update(
            actor=request.user,
            partner=partner,
            entry=entry,
            new=adding,
            **form.service_arguments(),
        )

    if form_done(
        request,
        form,
        work,
        done=lambda saved: f"{saved.service_name} ({partner.name}) has been saved.",
    ):
        return redirect("console_directory")
    return render(
        request,
        "includes/change_form.html",
        {
            "form": form,
            "title": "Add a service" if adding else "Change the directory entry",
            "caption": partner.name,
            "intro": "The partner's service as the open directory publishes it, and which "
            "referral types it accepts, where. Nothing about anyone they help.",
            "back_url": reverse("console_directory"),
            "back_label": "Partner directory",
            "fields_template": "referrals/_directory_fields.html",
        },
    )

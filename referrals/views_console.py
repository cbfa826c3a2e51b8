"""The platform console's view of the exchange: every partner's directory entry, with
the referral types in words. Routed from config.urls_public (the console's own URLs live
in tenants, below referrals)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from referrals.selectors_directory import directory_entries_all
from referrals.types import REFERRAL_TYPES
from tenants import policy
from tenants.models import Region


@never_cache
@login_required
def directory(request):
    if not policy.is_platform_user(request.user):
        raise PermissionDenied
    entries = directory_entries_all()
    for entry in entries:
        entry.type_labels = [
            REFERRAL_TYPES[t].label if t in REFERRAL_TYPES else t for t in entry.referral_types
        ]
        entry.region_labels = [Region(r).label for r in entry.regions if r in Region.values]
    return render(request, "console/directory.html", {"entries": entries})

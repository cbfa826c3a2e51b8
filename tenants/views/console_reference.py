"""The platform console's reference data: postcode areas and districts → regions
(imported from a CSV or corrected one by one). The console's directory page is the
exchange's (referrals.views.console)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from tenants import policy, selectors
from tenants.accounts.views_common import add_service_errors
from tenants.forms import PostcodeDistrictForm, PostcodeImportForm
from tenants.services.reference import postcode_district_set, postcode_districts_import

MAX_UPLOAD = 1024 * 1024


def _platform_only(request):
    if not policy.is_platform_user(request.user):
        raise PermissionDenied


@never_cache
@login_required
def postcode_districts(request):
    _platform_only(request)
    can_change = policy.can_keep_reference_data(request.user)
    upload = PostcodeImportForm(
        request.POST if "import" in request.POST else None,
        request.FILES if "import" in request.POST else None,
    )
    one = PostcodeDistrictForm(request.POST if "set" in request.POST else None)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        try:
            if "import" in request.POST and upload.is_valid():
                data = upload.cleaned_data["file"]
                if data.size > MAX_UPLOAD:
                    raise ValidationError({"file": "The file must be under 1 MB."})
                try:
                    text = data.read().decode("utf-8-sig")
                except UnicodeDecodeError:
                    raise ValidationError({"file": "The file must be a UTF-8 CSV."}) from None
                count = postcode_districts_import(actor=request.user, text=text)
                messages.success(request, f"{count} postcode codes added or changed.")
                return redirect("postcode_districts")
            if "set" in request.POST and one.is_valid():
                row = postcode_district_set(actor=request.user, **one.cleaned_data)
                messages.success(request, f"{row.code} is now in {row.get_region_display()}.")
                return redirect("postcode_districts")
        except ValidationError as exc:
            add_service_errors(upload if "import" in request.POST else one, exc)
    query = request.GET.get("q", "").strip().upper()[:4]
    rows = selectors.postcode_districts(code_start=query)
    return render(
        request,
        "console/postcode_districts.html",
        {
            "rows": rows[:300],
            "total": selectors.postcode_districts().count(),
            "query": query,
            "upload": upload,
            "one": one,
            "can_change": can_change,
        },
    )

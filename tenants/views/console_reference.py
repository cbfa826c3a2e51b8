"""The platform console's reference data: postcode areas and districts → regions
(imported from a CSV or corrected one by one). The console's directory page is the
exchange's (referrals.views.console)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from tenants import policy, selectors
from tenants.accounts.views_common import form_done
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
    if request.method == "POST" and not can_change:
        raise PermissionDenied

    def imported() -> int:
        data = upload.cleaned_data["file"]
        if data.size > MAX_UPLOAD:
            raise ValidationError({"file": "The file must be under 1 MB."})
        try:
            text = data.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError({"file": "The file must be a UTF-8 CSV."}) from None
        return postcode_districts_import(actor=request.user, text=text)

    # Each form is bound only when it was the one posted.
    if form_done(
        request, upload, imported, done=lambda count: f"{count} postcode codes added or changed."
    ) or form_done(
        request,
        one,
        lambda: postcode_district_set(actor=request.user, **one.cleaned_data),
        done=lambda row: f"{row.code} is now in {row.get_region_display()}.",
    ):
        return redirect("postcode_districts")
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

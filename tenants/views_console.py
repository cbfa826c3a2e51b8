"""The platform console on the platform domain: partners, for platform staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tenants import policy, selectors, services
from tenants.forms import PartnerCreateForm


def _platform_only(request):
    if not policy.is_platform_user(request.user):
        raise PermissionDenied


@login_required
def partner_list(request):
    _platform_only(request)
    return render(
        request,
        "console/partner_list.html",
        {
            "partners": selectors.partners_visible_to(actor=request.user),
            "can_create": policy.can_create_partner(request.user),
            "can_archive": policy.can_archive_partner(request.user),
        },
    )


@login_required
def partner_new(request):
    _platform_only(request)
    policy.check_create_partner(request.user)
    form = PartnerCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.partner_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, f"{partner.name} has been created.")
            return redirect("home")
    return render(request, "console/partner_new.html", {"form": form})


@login_required
@require_POST
def partner_archive(request, slug):
    return _change_state(request, slug, services.partner_archive, "archived: its portal is closed")


@login_required
@require_POST
def partner_reopen(request, slug):
    return _change_state(request, slug, services.partner_reopen, "reopened")


def _change_state(request, slug, service, verb):
    _platform_only(request)
    partner = selectors.partners_visible_to(actor=request.user).filter(slug=slug).first()
    if partner is None:
        raise Http404
    try:
        partner = service(actor=request.user, partner=partner)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{partner.name} has been {verb}.")
    return redirect("home")


def _add_service_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)

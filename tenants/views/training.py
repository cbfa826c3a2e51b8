"""A champion's training copy screen, in the live portal. Thin: the rules are in
tenants.services.training and tenants.policy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from tenants import policy
from tenants.accounts.selectors import users_active
from tenants.accounts.views_common import add_service_errors, help_key
from tenants.forms_training import TrainingAccessForm, TrainingResetForm
from tenants.services import training as services


def _portal_url(request, partner, path="/") -> str:
    port = request.get_port()
    default = "443" if request.is_secure() else "80"
    host = partner.get_primary_domain().domain + ("" if port == default else f":{port}")
    return f"{request.scheme}://{host}{path}"


@never_cache
@login_required
@help_key("training")
def training(request):
    partner = request.tenant
    if partner.is_training:
        # Inside a copy: say so, offer nothing to manage.
        return render(request, "training/inside_copy.html", {"live": partner.training_of})
    if not policy.can_manage_training(request.user, partner):
        raise PermissionDenied("Only champions look after the training copy.")
    copy = services.training_copy_of(partner)
    access_form = TrainingAccessForm(colleagues=users_active())
    reset_form = TrainingResetForm()
    created = None
    action = request.POST.get("action")
    if request.method == "POST":
        try:
            if action == "create":
                copy, account = services.training_copy_create(actor=request.user, partner=partner)
                created = [account]
                messages.success(request, f"The training copy {copy.name} is ready.")
            elif action == "access":
                access_form = TrainingAccessForm(request.POST, colleagues=users_active())
                if access_form.is_valid():
                    created = services.training_access_grant(
                        actor=request.user,
                        partner=partner,
                        colleague_public_ids=access_form.cleaned_data["colleagues"],
                        delivery=access_form.cleaned_data["delivery"],
                    )
            elif action == "reset":
                reset_form = TrainingResetForm(request.POST)
                if reset_form.is_valid():
                    services.training_copy_reset(
                        actor=request.user, partner=partner, confirmed=True
                    )
                    messages.success(request, "The training copy has been reset.")
                    return redirect("training")
        except ValidationError as exc:
            form = reset_form if action == "reset" else access_form
            add_service_errors(form, exc)
    context = {
        "copy": copy,
        "copy_url": _portal_url(request, copy) if copy else None,
        "accounts": services.training_accounts(partner=partner),
        "access_form": access_form,
        "reset_form": reset_form,
        "created": [
            {
                "account": c.user,
                "secret": c.secret,
                "link": _portal_url(request, copy, f"/invitation/{c.secret}/")
                if c.delivery == "invitation"
                else None,
            }
            for c in created or []
        ],
    }
    return render(request, "training/training.html", context)  # never_cache: no-store

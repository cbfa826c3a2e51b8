"""Changing one's own password, including the forced first change, and accepting an invitation."""

from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from tenants.accounts import policy, services
from tenants.accounts.forms import NewPasswordForm, PasswordChangeForm
from tenants.accounts.services.users import invitation_is_valid
from tenants.accounts.views_common import add_service_errors, help_key


@sensitive_post_parameters()
@never_cache
@login_required
@help_key("account-password")
def password_change(request):
    forced = request.user.must_change_password
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.password_change_own(
                actor=request.user,
                old_password=None if forced else form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
            )
        except (ValidationError, policy.DelegationRefused) as exc:
            add_service_errors(form, exc)
        else:
            update_session_auth_hash(request, user)  # stay signed in here; other sessions end
            messages.success(request, "Your password has been changed.")
            return redirect("home")
    return render(request, "accounts/password_change.html", {"form": form, "forced": forced})


@sensitive_post_parameters()
@never_cache
@help_key("account-invitation")
def invitation_accept(request, token):
    if not invitation_is_valid(token=token):
        return render(request, "accounts/invitation_expired.html", status=410)
    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token, new_password=form.cleaned_data["new_password1"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Your password is set. Welcome to Casebridge.")
            return redirect("home")
    return render(request, "accounts/invitation_accept.html", {"form": form})

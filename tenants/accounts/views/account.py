"""Changing one's own password, including the forced first change, and accepting an invitation."""

from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from tenants.accounts import services
from tenants.accounts.forms import NewPasswordForm, PasswordChangeForm
from tenants.accounts.services.users import invitation_is_valid
from tenants.accounts.views_common import form_done, help_key


@sensitive_post_parameters()
@never_cache
@login_required
@help_key("account-password")
def password_change(request):
    forced = request.user.must_change_password
    form = PasswordChangeForm(request.POST or None)

    def still_signed_in(user):
        update_session_auth_hash(request, user)  # stay signed in here; other sessions end
        return redirect("home")

    if answer := form_done(
        request,
        form,
        lambda: services.password_change_own(
            actor=request.user,
            old_password=None if forced else form.cleaned_data["old_password"],
            new_password=form.cleaned_data["new_password1"],
        ),
        done="Your password has been changed.",
        then=still_signed_in,
    ):
        return answer
    return render(request, "accounts/password_change.html", {"form": form, "forced": forced})


# The invitation's token, kept in the session once its link has been opened.
INVITATION_TOKEN = "cb_invitation_token"


@sensitive_post_parameters()
@never_cache
@help_key("account-invitation")
def invitation_accept(request, token):
    """The link from the invitation. Its token is a one-time password: it moves into the
    session and the browser is sent on to an address without it, so the history, the
    address bar and any Referer keep no usable secret (as Django's password reset does)."""
    if not invitation_is_valid(token=token):
        return render(request, "accounts/invitation_expired.html", status=410)
    if request.method == "POST":  # a form posted straight to the link still works
        return _set_password(request, token)
    request.session[INVITATION_TOKEN] = token
    return redirect("invitation_set_password")


@sensitive_post_parameters()
@never_cache
@help_key("account-invitation")
def invitation_set_password(request):
    token = request.session.get(INVITATION_TOKEN)
    if not isinstance(token, str) or not invitation_is_valid(token=token):
        request.session.pop(INVITATION_TOKEN, None)
        return render(request, "accounts/invitation_expired.html", status=410)
    return _set_password(request, token)


def _set_password(request, token):
    form = NewPasswordForm(request.POST or None)

    def signed_in(user):
        request.session.pop(INVITATION_TOKEN, None)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("home")

    if answer := form_done(
        request,
        form,
        lambda: services.invitation_accept(
            token=token, new_password=form.cleaned_data["new_password1"]
        ),
        done="Your password is set. Welcome to Casebridge.",
        then=signed_in,
    ):
        return answer
    return render(request, "accounts/invitation_accept.html", {"form": form})

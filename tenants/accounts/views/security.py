"""Sign-in security pages, on partner portals and the platform console alike: the
one-time-password step of signing in, the lock-out page, "My account", setting up and
removing one-time passwords, and the champion's partner-wide requirement."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from tenants.accounts import policy, signin
from tenants.accounts.forms_security import (
    OneTimeCodeForm,
    PartnerSecurityForm,
    TwoFactorRemoveForm,
)
from tenants.accounts.services import security
from tenants.accounts.views_common import form_done

SETUP_KEY = "cb_two_factor_setup_key"  # the secret being set up, until confirmed


def _organisation(request) -> str:
    partner = getattr(request, "tenant", None)
    if partner is None or not partner.is_organisation:
        return "platform console"
    return partner.name


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the same page whether or not the username exists."""
    signin.forget_pending(request)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request, "account_security/locked_out.html", {"cool_off_minutes": minutes}, status=429
    )


@sensitive_post_parameters()
@never_cache
def sign_in_code(request):
    """Step two of signing in, for someone whose password was right and who has a device."""
    state = signin.pending(request)
    if state is None and request.user.is_authenticated:
        return redirect("home")
    if state is None:
        messages.error(request, "Your sign-in was not finished in time. Sign in again.")
        return redirect("login")
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = state["user"]
        device = signin.verify_code(request, user=user, code=form.cleaned_data["code"])
        if device is not None:
            signin.complete_sign_in(request, user, backend=state["backend"], device=device)
            return redirect(state.get("next") or "home")
        if signin.is_locked_out(request):
            signin.forget_pending(request)  # axes' middleware shows the lock-out page
        form.add_error("code", security.WRONG_CODE)
    return render(request, "account_security/sign_in_code.html", {"form": form})


@never_cache
@login_required
def account(request):
    try:
        password_url = reverse("password_change")
    except NoReverseMatch:
        password_url = None
    scope = policy.actor_scope(request.user)
    return render(
        request,
        "account_security/account.html",
        {
            "account": request.user,
            "organisation": _organisation(request),
            "password_url": password_url,
            "two_factor_on": signin.has_two_factor(request.user),
            "two_factor_required": signin.partner_requires_two_factor(),
            "can_manage_security": policy.can_manage_users_in(scope, request.tenant),
        },
    )


@sensitive_post_parameters()
@never_cache
@login_required
def two_factor(request):
    """Set up one-time passwords (QR code and secret, confirmed with a code), or see that
    they are on and remove them."""
    user = request.user
    required = signin.partner_requires_two_factor()
    if signin.has_two_factor(user):
        request.session.pop(SETUP_KEY, None)
        return render(
            request,
            "account_security/two_factor_on.html",
            {"form": TwoFactorRemoveForm(), "required": required},
        )
    key = request.session.get(SETUP_KEY)
    if not key:
        key = request.session[SETUP_KEY] = security.two_factor_new_key()
    form = OneTimeCodeForm(request.POST or None)

    def turned_on(device):
        request.session.pop(SETUP_KEY, None)
        signin.verify_session(request, device)
        return redirect("account")

    if answer := form_done(
        request,
        form,
        lambda: security.two_factor_enable(actor=user, key=key, code=form.cleaned_data["code"]),
        done="One-time passwords are on for your account.",
        then=turned_on,
    ):
        return answer
    details = signin.setup_details(user=user, key=key, organisation=_organisation(request))
    return render(
        request,
        "account_security/two_factor_setup.html",
        {"form": form, "details": details, "required": required},
    )


@sensitive_post_parameters()
@never_cache
@login_required
@require_POST
def two_factor_remove(request):
    form = TwoFactorRemoveForm(request.POST)
    # Required by the organisation: straight on to setting up the new one.
    required = signin.partner_requires_two_factor()
    if form_done(
        request,
        form,
        lambda: security.two_factor_remove(
            actor=request.user, password=form.cleaned_data["password"]
        ),
        done="Your authenticator app was removed. Your organisation requires one-time "
        "passwords: set up your new one now."
        if required
        else "One-time passwords are off for your account.",
    ):
        return redirect("two_factor" if required else "account")
    return render(
        request,
        "account_security/two_factor_on.html",
        {"form": form, "required": signin.partner_requires_two_factor()},
    )


@never_cache
@login_required
def partner_security(request):
    """A champion requires one-time passwords for their whole partner."""
    partner = request.tenant
    policy.check_manage_users_in(policy.actor_scope(request.user), partner)
    required = signin.partner_requires_two_factor()
    form = PartnerSecurityForm(
        request.POST or None, initial={"require_two_factor": "yes" if required else "no"}
    )
    if form_done(
        request,
        form,
        lambda: security.partner_security_update(
            actor=request.user,
            partner=partner,
            require_two_factor=form.cleaned_data["require_two_factor"],
        ),
        done=lambda _: (
            "Everyone must now use one-time passwords to sign in."
            if form.cleaned_data["require_two_factor"]
            else "One-time passwords are now optional."
        ),
    ):
        return redirect("account_security")
    return render(
        request,
        "account_security/partner_security.html",
        {"form": form, "required": required, "organisation": _organisation(request)},
    )

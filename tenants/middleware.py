from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect, render, resolve_url
from django.urls import NoReverseMatch, reverse
from django_tenants.middleware.main import TenantMainMiddleware

from tenants.accounts import signin

# Never held up by the sign-in security checks.
EXEMPT_PREFIXES = ("/static/", "/media/", "/healthz")


class PartnerMiddleware(TenantMainMiddleware):
    """Selects the partner's schema by host; an archived partner's portal is closed."""

    def process_request(self, request):
        if request.path == "/healthz":
            # Probes use bare IPs and service names: answer before any host lookup.
            from tenants.views.system import healthz

            return healthz(request)
        response = super().process_request(request)
        if response is not None:
            return response
        partner = request.tenant
        if not partner.is_active:
            # Checked before sessions or auth run: nothing of the partner is reachable.
            return render(
                request, "errors/partner_closed.html", {"closed_partner": partner}, status=410
            )
        if partner.migration_failed_at is not None:
            # Its schema is not at the code's migration state: nothing may run against it.
            response = render(
                request, "errors/partner_maintenance.html", {"partner": partner}, status=503
            )
            response["Retry-After"] = "600"
            return response
        return None


def _path_of(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _sign_in_again(request, reason: str):
    """Sign out and send to the sign-in page, saying why."""
    logout(request)
    query = urlencode({"next": request.get_full_path(), "ended": reason})
    return redirect(f"{resolve_url(settings.LOGIN_URL)}?{query}")


class SessionLifetimeMiddleware:
    """Absolute timeout: a session ends SESSION_ABSOLUTE_SECONDS after sign-in, however
    active (the idle timeout is SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and signin.session_expired(request):
            return _sign_in_again(request, "timeout")
        return self.get_response(request)


class TwoFactorMiddleware:
    """Before anything else: a user with a device whose session was not verified with it
    signs in again; where the partner requires one-time passwords, a user without a
    device sets one up (their password change, if forced, comes first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(EXEMPT_PREFIXES):
            return self.get_response(request)
        gate = signin.two_factor_gate(user)
        if gate == signin.SIGN_IN_AGAIN:
            return _sign_in_again(request, "two_factor")
        if gate == signin.SET_UP:
            allowed = {_path_of(name) for name in ("two_factor", "logout", "password_change")}
            if request.path not in allowed:
                return redirect("two_factor")
        return self.get_response(request)


class PublicAnswerMiddleware:
    """Answers a view marks `public_answer` (the open /oruk/ API, cached by anyone's
    caches) leave with no cookie and no `Vary: Cookie`: they are the same for everyone,
    and a shared cache must never store a signed-in visitor's session cookie with them
    (sessions are saved on every request, so a signed-in visitor's answer would carry
    one). Listed before SessionMiddleware, so it sees the answer after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "public_answer", False):
            response.cookies.clear()
            vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
            kept = [v for v in vary if v.lower() != "cookie"]
            if kept:
                response["Vary"] = ", ".join(kept)
            elif "Vary" in response:
                del response["Vary"]
        return response

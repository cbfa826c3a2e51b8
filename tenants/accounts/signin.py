"""The sign-in flow and its rules, in one place: password, then (when the user has a
device) a one-time password, lock-out accounting, the audit of failures, the absolute
session lifetime and the partner-wide two-factor requirement.

Everything here runs in the schema of the domain the request came to, so a partner's
failures, lock-outs, devices and audit entries are its own.
"""

import base64
import binascii
import time
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.contrib import auth
from django.contrib.auth.signals import user_login_failed
from django.db.models import Exists, OuterRef
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenants.accounts.models import PartnerSecurity, User
from tenants.accounts.services.audit import audit_record

# Session keys.
SIGNED_IN_AT = "cb_signed_in_at"  # epoch seconds of the sign-in (absolute timeout)
PENDING = "cb_signin_pending"  # password accepted, one-time password still to come

# How long the one-time-password step waits after a correct password.
PENDING_SECONDS = 5 * 60
GENERIC_FAILURE = "wrong username or password"
# Extra key in the credentials of user_login_failed: which step failed.
STEP_KEY = "signin_step"


def client_ip(request) -> str | None:
    """The address lock-outs are counted by (AXES_CLIENT_IP_CALLABLE).

    With TRUSTED_PROXY_COUNT proxies in front, the address the outermost trusted proxy
    saw, taken from the right of X-Forwarded-For (the left is whatever the client sent).
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


# --- failures and lock-outs ----------------------------------------------------------


def _credentials(username: str) -> dict:
    return {"username": username}  # axes reads AXES_USERNAME_FORM_FIELD, i.e. "username"


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    """Receiver of Django's user_login_failed, connected after axes' own (AccountsConfig)."""
    if request is None:  # authenticate() called without a request: no sign-in page involved
        return
    record_failure(
        request,
        username=str(credentials.get("username") or ""),
        reason=credentials.get(STEP_KEY) or GENERIC_FAILURE,
    )


def record_failure(request, *, username: str, reason: str = GENERIC_FAILURE) -> None:
    """Audit a failed sign-in in this schema (the domain's); a lock-out that starts now
    is audited too. Runs after axes has counted the failure."""
    username = (username or "")[:150]
    failures = getattr(request, "axes_failures_since_start", None)
    limit = get_failure_limit(request, _credentials(username))
    locked = bool(getattr(request, "axes_locked_out", False))
    if locked and failures is not None and failures > limit:
        reason = "refused: locked out"
    address = client_ip(request) or "unknown address"
    audit_record(
        actor=None, action="signin.failed", target_username=username, detail=f"{reason}; {address}"
    )
    if locked and failures == limit:
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        audit_record(
            actor=None,
            action="signin.locked",
            target_username=username,
            detail=f"{failures} failed attempts from {address}; locked for {minutes} minutes",
        )


def report_failure(request, *, username: str, reason: str) -> None:
    """A failure outside authenticate() (a wrong one-time password): reported like a
    wrong password, so axes counts it towards the same lock-out and it is audited."""
    credentials = {**_credentials(username), STEP_KEY: reason}
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)


def is_locked_out(request) -> bool:
    return bool(getattr(request, "axes_locked_out", False))


def check_password(request, *, username: str, password: str) -> User | None:
    """Step one. The user when the password is right and no lock-out applies, else None
    (one answer for an unknown username, a wrong password, an inactive account and a
    lock-out; the lock-out page itself comes from axes' middleware)."""
    user = auth.authenticate(request, username=username, password=password)
    if user is None:
        return None  # authenticate() reported the failure: axes counted it, it is audited
    if not user.is_active:  # only if a backend ever lets inactive accounts through
        report_failure(request, username=username, reason=GENERIC_FAILURE)
        return None
    return user


# --- the one-time-password step -------------------------------------------------------


def confirmed_devices(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True)


def has_two_factor(user) -> bool:
    return user.is_authenticated and confirmed_devices(user).exists()


def begin_code_step(request, user: User, *, next_url: str) -> None:
    """Remember that the password was right; nobody is signed in yet."""
    request.session[PENDING] = {
        "user": str(user.pk),
        "username": user.get_username(),
        "backend": getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"),
        "next": next_url,
        "at": time.time(),
    }


def pending(request) -> dict | None:
    """The half-finished sign-in of this session, or None (none, expired or deactivated)."""
    state = request.session.get(PENDING)
    if not isinstance(state, dict):
        return None
    if time.time() - float(state.get("at", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user = User.objects.filter(pk=state.get("user"), is_active=True).first()
    if user is None:
        request.session.pop(PENDING, None)
        return None
    return {**state, "user": user}


def forget_pending(request) -> None:
    request.session.pop(PENDING, None)


def verify_code(request, *, user: User, code: str) -> TOTPDevice | None:
    """Step two: the device that accepted the code, or None (counted as a failed sign-in)."""
    username = user.get_username()
    if AxesProxyHandler.is_allowed(request, _credentials(username)):
        for device in confirmed_devices(user):
            verified = verify_token(user, device.persistent_id, code)
            if verified is not None:
                return verified
    report_failure(request, username=username, reason="wrong one-time password")
    return None


def complete_sign_in(request, user: User, *, backend: str, device=None) -> None:
    """Sign in: a new session key (auth.login cycles it), the sign-in time for the
    absolute timeout, and the device that verified this session, if any."""
    auth.login(request, user, backend=backend)
    if device is not None:
        otp_login(request, device)
    request.session[SIGNED_IN_AT] = time.time()
    request.session.pop(PENDING, None)


def verify_session(request, device) -> None:
    """This session has now proved the device (just set up): no second sign-in needed."""
    otp_login(request, device)


# --- the session lifetime -------------------------------------------------------------


def session_expired(request) -> bool:
    """True when the signed-in session is older than SESSION_ABSOLUTE_SECONDS.
    A session without a recorded sign-in time gets one now."""
    started = request.session.get(SIGNED_IN_AT)
    now = time.time()
    if not isinstance(started, int | float):
        request.session[SIGNED_IN_AT] = now
        return False
    return now - started > settings.SESSION_ABSOLUTE_SECONDS


# --- the partner-wide requirement -----------------------------------------------------


def partner_requires_two_factor() -> bool:
    """Read in the current schema (one settings row per schema)."""
    return PartnerSecurity.objects.filter(require_two_factor=True).exists()


OK, SET_UP, SIGN_IN_AGAIN = "ok", "set_up", "sign_in_again"


def two_factor_gate(user) -> str:
    """What a signed-in user must do before anything else.

    - SIGN_IN_AGAIN: they have a device, but this session was not verified with it
      (it was set up in another session, or the session was made some other way);
    - SET_UP: their partner requires one-time passwords and they have no device yet.
    """
    if not user.is_authenticated:
        return OK
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return OK
    # Runs before every page: both facts in one round trip.
    has_device, required = (
        User.objects.filter(pk=user.pk)
        .annotate(
            has_device=Exists(confirmed_devices(OuterRef("pk"))),
            required=Exists(PartnerSecurity.objects.filter(require_two_factor=True)),
        )
        .values_list("has_device", "required")
        .first()
    ) or (False, False)
    if has_device:
        return SIGN_IN_AGAIN
    if required:
        return SET_UP
    return OK


# --- setting up a device --------------------------------------------------------------


@dataclass(frozen=True)
class SetupDetails:
    secret: str  # base32, in groups of four, to type in by hand
    url: str  # otpauth:// URL the QR code carries
    qr_data_uri: str  # an SVG QR code, made here (no internet needed)


def setup_details(*, user: User, key: str, organisation: str) -> SetupDetails:
    try:
        raw = binascii.unhexlify(key)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not a hex key") from exc
    secret = base64.b32encode(raw).decode().rstrip("=")
    issuer = f"Casebridge {organisation}".replace(":", "").strip()
    label = quote(f"{issuer}:{user.get_username()}")
    params = urlencode(
        {"secret": secret, "issuer": issuer, "algorithm": "SHA1", "digits": 6, "period": 30}
    )
    url = f"otpauth://totp/{label}?{params}"
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10)
    svg = image.to_string(encoding="unicode")
    data_uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return SetupDetails(secret=grouped, url=url, qr_data_uri=data_uri)

"""Sign-in security: the partner-wide two-factor requirement and one's own
one-time-password device. Each function checks who may act and writes an audit entry
in the schema concerned."""

import binascii
import re
import time
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from django_tenants.utils import schema_context

from tenants.accounts import policy
from tenants.accounts.models import PartnerSecurity, User
from tenants.accounts.services.audit import audit_record

CODE_PATTERN = re.compile(r"^\d{6}$")
WRONG_CODE = (
    "The code is not correct or has expired. Enter the 6-digit code your "
    "authenticator app shows now."
)
DEVICE_NAME = "Authenticator app"


def partner_security_update(*, actor: User, partner, require_two_factor: bool) -> PartnerSecurity:
    """Require (or stop requiring) one-time passwords for everyone in the partner.

    Only someone who may manage the partner's users may do this (a champion of that
    partner, or platform staff who manage partner users)."""
    scope = policy.actor_scope(actor)
    policy.check_manage_users_in(scope, partner)
    if partner.schema_name == settings.TENANT_BASE_SCHEMA:
        raise ValidationError({"partner": "The template cannot be changed."})
    if not isinstance(require_two_factor, bool):
        raise ValidationError({"require_two_factor": "Choose whether to require one."})
    with schema_context(partner.schema_name), transaction.atomic():
        row = PartnerSecurity.objects.select_for_update().order_by("pk").first()
        if row is None:
            row = PartnerSecurity.objects.create()
        if row.require_two_factor != require_two_factor:
            before = {"require_two_factor": row.require_two_factor}
            row.require_two_factor = require_two_factor
            row.save(update_fields=["require_two_factor"])
            audit_record(
                actor=actor,
                actor_is_platform=scope.is_platform,
                action="security.two_factor_required"
                if require_two_factor
                else "security.two_factor_optional",
                before=before,
                after={"require_two_factor": require_two_factor},
                detail=f"one-time passwords {'required' if require_two_factor else 'optional'} "
                f"for {partner.name}",
            )
    return row


def two_factor_new_key() -> str:
    """A fresh secret (hex, 20 bytes) for a device being set up; kept in the session
    until the user proves their app has it."""
    return random_hex(20)


def _signed_in(actor) -> User:
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise policy.DelegationRefused("Sign in first.")
    return User.objects.get(pk=actor.pk)


def _clean_code(code) -> str:
    code = re.sub(r"[\s-]", "", str(code or ""))
    if not CODE_PATTERN.match(code):
        raise ValidationError({"code": "Enter the 6-digit code from your authenticator app."})
    return code


def two_factor_enable(*, actor: User, key: str, code: str) -> TOTPDevice:
    """Confirm a new device: the code must match the key the user's app was given."""
    user = _signed_in(actor)
    code = _clean_code(code)
    try:
        raw = binascii.unhexlify(key or "")
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 20:
        raise ValidationError({"code": "The set-up has expired. Start again."})
    totp = TOTP(raw, step=30, t0=0, digits=6)
    totp.time = time.time()  # one instant for verifying and for last_t
    if not totp.verify(int(code), tolerance=1):
        raise ValidationError({"code": WRONG_CODE})
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise ValidationError(
                {"code": "One-time passwords are already set up for your account."}
            )
        TOTPDevice.objects.filter(user=user).delete()  # any unconfirmed leftovers
        device = TOTPDevice.objects.create(
            user=user,
            name=DEVICE_NAME,
            key=key,
            confirmed=True,
            drift=totp.drift,
            last_t=totp.t(),  # this code cannot be used again to sign in
        )
        audit_record(actor=user, action="two_factor.enable", target=user)
    return device


def two_factor_remove(*, actor: User, password: str) -> int:
    """Remove one's own device (to stop using one-time passwords or to move to a new
    phone). The password is asked again: a session left open is not enough."""
    user = _signed_in(actor)
    if not user.check_password(password or ""):
        raise ValidationError({"password": "Your password is not correct."})
    with transaction.atomic():
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        if removed:
            audit_record(actor=user, action="two_factor.remove", target=user)
    return removed


def two_factor_reset(*, actor: User, partner, user_public_id) -> int:
    """A champion removes a colleague's device (a lost phone), under the delegation rule.
    If the partner requires one-time passwords they set up a new one at next sign-in."""
    scope = policy.actor_scope(actor)
    try:
        user_public_id = uuid.UUID(str(user_public_id))
    except ValueError as exc:
        raise ValidationError({"user": "No such account in this organisation."}) from exc
    with schema_context(partner.schema_name), transaction.atomic():
        target = User.objects.select_for_update().filter(public_id=user_public_id).first()
        if target is None:
            raise ValidationError({"user": "No such account in this organisation."})
        policy.check_edit_target(scope, partner, target)
        removed, _ = TOTPDevice.objects.filter(user=target).delete()
        if removed:
            audit_record(
                actor=actor,
                actor_is_platform=scope.is_platform,
                action="two_factor.reset",
                target=target,
            )
    return removed

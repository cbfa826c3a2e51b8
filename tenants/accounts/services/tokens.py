"""GraphQL API tokens: created by champions for integrator service accounts, stored
as a SHA-256 of a high-entropy secret, shown once, revoked by hand, on expiry or when
the account is deactivated."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tenants.accounts import capabilities as cap
from tenants.accounts import policy
from tenants.accounts.models import ApiToken, ApiTokenScope, User
from tenants.accounts.selectors import permissions_of
from tenants.accounts.services.audit import audit_record

TOKEN_PREFIX = "cbt"
MAX_LIFETIME = timedelta(days=366)
# last_used_at is written at most this often per token: not one UPDATE per request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class CreatedToken:
    token: ApiToken
    secret: str  # the whole bearer value, shown once


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _split(bearer: str) -> str | None:
    """The lookup prefix of a bearer value shaped like cbt_<prefix>_<secret>."""
    parts = bearer.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1]


def api_token_create(
    *, actor: User, user_public_id, name: str, scope: str, expires_at: datetime
) -> CreatedToken:
    actor_scope = policy.actor_scope(actor)
    policy.check_manage_api_tokens(actor_scope)
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = "Enter a name that says which system uses the token."
    elif len(name) > 100:
        errors["name"] = "The name can be at most 100 characters."
    if scope not in ApiTokenScope.values:
        errors["scope"] = "Choose read, or read and write."
    now = timezone.now()
    if expires_at is None:
        errors["expires_at"] = "Enter the date the token expires."
    elif expires_at <= now:
        errors["expires_at"] = "The expiry date must be in the future."
    elif expires_at > now + MAX_LIFETIME:
        errors["expires_at"] = "A token can last at most a year; create a new one then."
    with transaction.atomic():
        try:
            user = User.objects.select_for_update().filter(public_id=user_public_id).first()
        except (ValueError, TypeError, ValidationError):
            user = None
        if user is None:
            errors["user"] = "Choose a service account from the list."
        if errors:
            raise ValidationError(errors)
        policy.check_token_user(actor_scope, user)
        prefix = secrets.token_hex(6)
        secret = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
        token = ApiToken.objects.create(
            name=name,
            user=user,
            scope=scope,
            prefix=prefix,
            secret_hash=token_hash(secret),
            expires_at=expires_at,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="api_token.create",
            target=user,
            after={"token": name, "scope": scope, "expires_at": expires_at.isoformat()},
            detail=f"API token “{name}” ({prefix}…)",
        )
    return CreatedToken(token=token, secret=secret)


def api_token_revoke(*, actor: User, token_public_id) -> ApiToken:
    actor_scope = policy.actor_scope(actor)
    policy.check_manage_api_tokens(actor_scope)
    with transaction.atomic():
        try:
            token = (
                ApiToken.objects.select_for_update()
                .select_related("user")
                .filter(public_id=token_public_id)
                .first()
            )
        except (ValueError, TypeError, ValidationError):
            token = None
        if token is None:
            raise ValidationError({"token": "That API token does not exist in your organisation."})
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(
                actor=actor,
                action="api_token.revoke",
                target=token.user,
                detail=f"API token “{token.name}” ({token.prefix}…)",
            )
    return token


def api_tokens_revoke_for_user(*, user: User) -> int:
    """Called by user_deactivate inside its transaction: a deactivated account's tokens die."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def api_token_authenticate(*, bearer: str) -> ApiToken | None:
    """The live token for a bearer value in the current schema, or None (unknown, wrong
    secret, expired, revoked, its account deactivated or no longer allowed the API: all
    alike)."""
    prefix = _split(bearer or "")
    if prefix is None:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, token_hash(bearer)):
        return None
    now = timezone.now()
    if token.revoked_at is not None or token.expires_at <= now or not token.user.is_active:
        return None
    if not token.user.is_superuser:  # the backend gives a superuser every permission
        # The account's rights, read once for the whole request into the cache Django's
        # ModelBackend fills and reads (CapabilitiesMiddleware's too).
        token.user._perm_cache = permissions_of(token.user)
    # Its account must still be allowed the API (a champion may have changed its role).
    if not token.user.has_perm(cap.USE_API):
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token

"""First-sign-in credentials and an account's privileges: the one place each is written,
used by the account services and by training access. Both run inside the caller's
transaction, in the partner's schema; the caller checks the policy and audits."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.utils import timezone

from tenants.accounts import capabilities as cap
from tenants.accounts.models import Invitation, User

INVITATION_LIFETIME = timedelta(hours=72)
DELIVERIES = ("invitation", "temporary_password")


def privileges_set(*, user: User, privileges: set[str]) -> None:
    """The user's privileges become exactly these (their other permissions are kept)."""
    codes = [p.split(".", 1)[1] for p in privileges]
    perms = Permission.objects.filter(content_type__app_label=cap.APP, codename__in=codes)
    keep = user.user_permissions.exclude(
        content_type__app_label=cap.APP, codename__in=[p.split(".", 1)[1] for p in cap.PRIVILEGES]
    )
    user.user_permissions.set(list(keep) + list(perms))


def credentials_issue(*, user: User, delivery: str) -> str:
    """A new invitation link's token or temporary password (shown once); earlier unused
    invitations expire."""
    if delivery not in DELIVERIES:
        raise ValidationError({"delivery": "Choose an invitation link or a temporary password."})
    user.must_change_password = True
    if delivery == "temporary_password":
        secret = secrets.token_urlsafe(12)
        user.set_password(secret)
    else:
        user.set_unusable_password()
        secret = secrets.token_urlsafe(32)
        Invitation.objects.filter(user=user, used_at__isnull=True).update(expires_at=timezone.now())
        Invitation.objects.create(
            user=user,
            token_hash=hashlib.sha256(secret.encode()).hexdigest(),
            expires_at=timezone.now() + INVITATION_LIFETIME,
        )
    user.save()
    return secret

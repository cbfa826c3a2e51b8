"""Creating and changing accounts. Every function checks the delegation rule
(tenants.accounts.policy) itself, so the portal, the console, GraphQL and code
behave the same; each writes an audit entry in the partner's schema."""

import hashlib
from dataclasses import dataclass

from django.contrib.auth import password_validation
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from tenants.accounts import capabilities as cap
from tenants.accounts import policy
from tenants.accounts.models import Invitation, Role, User
from tenants.accounts.roles import RoleSpec
from tenants.accounts.services.audit import audit_record
from tenants.accounts.services.credentials import credentials_issue, privileges_set
from tenants.accounts.services.tokens import api_tokens_revoke_for_user


@dataclass(frozen=True)
class CreatedAccount:
    """What the champion sees once: the invitation link's token or the temporary password."""

    user: User
    delivery: str
    secret: str


def _snapshot(user: User) -> dict:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "job_title": user.job_title,
        "email": user.email,
        "phone": user.phone,
        "role": user.role.name if user.role_id else "",
        "privileges": sorted(policy.privileges_of(user)) if user.pk else [],
        "line_manager": user.line_manager.username if user.line_manager_id else "",
        "is_active": user.is_active,
    }


def _role_by_key(partner, key: str) -> Role:
    role = Role.objects.filter(key=key, kinds__contains=[partner.kind]).first()
    if role is None:
        # A role id from another partner, or made up: refused as unknown, never "forbidden".
        raise ValidationError({"role": "Choose a role from the list."})
    return role


def _line_manager(public_id) -> User | None:
    if not public_id:
        return None
    manager = User.objects.filter(public_id=public_id, is_active=True).first()
    if manager is None:
        raise ValidationError({"line_manager": "Choose a line manager from the list."})
    return manager


def _validate_details(*, username: str, full_name: str, email: str, exclude_pk=None) -> None:
    errors = {}
    if not username:
        errors["username"] = "Enter a username."
    elif not User.username_validator.regex.match(username) or len(username) > 150:
        errors["username"] = (
            "Usernames may contain only letters, digits and @ . + - _ (150 at most)."
        )
    elif User.objects.filter(username__iexact=username).exclude(pk=exclude_pk).exists():
        errors["username"] = f"The username “{username}” is already taken in your organisation."
    if not full_name.strip():
        errors["full_name"] = "Enter the person's full name."
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = "Enter an email address like name@example.org."
    if errors:
        raise ValidationError(errors)


def _end_sessions(user: User) -> int:
    """Delete every session of this user in this partner's schema."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def user_create(
    *,
    actor: User,
    partner,
    username: str,
    full_name: str,
    role_key: str,
    privileges: set[str] | None = None,
    email: str = "",
    job_title: str = "",
    phone: str = "",
    line_manager_public_id=None,
    delivery: str = "invitation",
) -> CreatedAccount:
    scope = policy.actor_scope(actor)
    privileges = set(privileges or ())
    username = username.strip()
    with schema_context(partner.schema_name), transaction.atomic():
        role = _role_by_key(partner, role_key)
        policy.check_create(scope, partner, role=role, privileges=privileges)
        _validate_details(username=username, full_name=full_name, email=email)
        user = User(
            username=username,
            full_name=full_name.strip(),
            email=email.strip(),
            job_title=job_title.strip(),
            phone=phone.strip(),
            role=role,
            line_manager=_line_manager(line_manager_public_id),
        )
        user.set_unusable_password()
        user.save()
        user.groups.set([role.group])
        privileges_set(user=user, privileges=privileges)
        secret = credentials_issue(user=user, delivery=delivery)
        audit_record(
            actor=actor,
            actor_is_platform=scope.is_platform,
            action="user.create",
            target=user,
            after=_snapshot(user),
            detail=f"first sign-in by {delivery.replace('_', ' ')}",
        )
    return CreatedAccount(user=user, delivery=delivery, secret=secret)


def _locked_target(public_id) -> User:
    target = User.objects.select_for_update().filter(public_id=public_id).first()
    if target is None:
        raise ValidationError({"user": "That account does not exist in your organisation."})
    return target


def user_update(
    *,
    actor: User,
    partner,
    user_public_id,
    full_name: str,
    role_key: str,
    privileges: set[str],
    email: str = "",
    job_title: str = "",
    phone: str = "",
    line_manager_public_id=None,
) -> User:
    scope = policy.actor_scope(actor)
    privileges = set(privileges)
    with schema_context(partner.schema_name), transaction.atomic():
        User.objects.select_for_update().filter(
            is_active=True
        ).exists()  # lock for the champion count
        target = _locked_target(user_public_id)
        role = _role_by_key(partner, role_key)
        policy.check_change(scope, partner, target, role=role, privileges=privileges)
        policy.check_not_last_champion(target, still_champion_after=cap.MANAGE_USERS in privileges)
        _validate_details(
            username=target.username, full_name=full_name, email=email, exclude_pk=target.pk
        )
        manager = _line_manager(line_manager_public_id)
        if manager is not None and manager.pk == target.pk:
            raise ValidationError({"line_manager": "A person cannot be their own line manager."})
        before = _snapshot(target)
        target.full_name = full_name.strip()
        target.email = email.strip()
        target.job_title = job_title.strip()
        target.phone = phone.strip()
        target.line_manager = manager
        target.role = role
        target.save()
        target.groups.set([role.group])
        privileges_set(user=target, privileges=privileges)
        after = _snapshot(target)
        if after != before:
            audit_record(
                actor=actor,
                actor_is_platform=scope.is_platform,
                action="user.update",
                target=target,
                before={k: v for k, v in before.items() if after[k] != v},
                after={k: v for k, v in after.items() if before[k] != v},
            )
    return target


def user_reset_password(
    *, actor: User, partner, user_public_id, delivery: str = "invitation"
) -> CreatedAccount:
    scope = policy.actor_scope(actor)
    with schema_context(partner.schema_name), transaction.atomic():
        target = _locked_target(user_public_id)
        policy.check_edit_target(scope, partner, target)
        secret = credentials_issue(user=target, delivery=delivery)
        ended = _end_sessions(target)
        audit_record(
            actor=actor,
            actor_is_platform=scope.is_platform,
            action="user.reset",
            target=target,
            detail=f"new first sign-in by {delivery.replace('_', ' ')}; {ended} session(s) ended",
        )
    return CreatedAccount(user=target, delivery=delivery, secret=secret)


def user_deactivate(*, actor: User, partner, user_public_id) -> User:
    scope = policy.actor_scope(actor)
    with schema_context(partner.schema_name), transaction.atomic():
        User.objects.select_for_update().filter(is_active=True).exists()
        target = _locked_target(user_public_id)
        policy.check_edit_target(scope, partner, target)
        if not target.is_active:
            return target
        policy.check_not_last_champion(target, still_champion_after=False)
        target.is_active = False
        target.save(update_fields=["is_active"])
        ended = _end_sessions(target)
        revoked = api_tokens_revoke_for_user(user=target)
        audit_record(
            actor=actor,
            actor_is_platform=scope.is_platform,
            action="user.deactivate",
            target=target,
            before={"is_active": True},
            after={"is_active": False},
            detail=f"{ended} session(s) ended, {revoked} API token(s) revoked",
        )
    return target


def user_reactivate(*, actor: User, partner, user_public_id) -> User:
    scope = policy.actor_scope(actor)
    with schema_context(partner.schema_name), transaction.atomic():
        target = _locked_target(user_public_id)
        policy.check_edit_target(scope, partner, target)
        if target.is_active:
            return target
        target.is_active = True
        target.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            actor_is_platform=scope.is_platform,
            action="user.reactivate",
            target=target,
            before={"is_active": False},
            after={"is_active": True},
        )
    return target


def password_change_own(*, actor: User, old_password: str | None, new_password: str) -> User:
    """Change one's own password. `old_password=None` only for a forced first change,
    where the session itself proves who they are."""
    if not actor.is_authenticated:
        raise policy.DelegationRefused("Sign in first.")
    user = User.objects.get(pk=actor.pk)
    forced = user.must_change_password
    if not forced and cap.CHANGE_OWN_PASSWORD not in policy.effective_permissions(user):
        raise policy.DelegationRefused(
            "Your account is not allowed to change its own password; ask your champion."
        )
    if not forced and not user.check_password(old_password or ""):
        raise ValidationError({"old_password": "Your current password is not correct."})
    if old_password and old_password == new_password:
        raise ValidationError(
            {"new_password1": "Choose a password different from the current one."}
        )
    try:
        password_validation.validate_password(new_password, user)
    except ValidationError as exc:
        raise ValidationError({"new_password1": exc.messages}) from exc
    with transaction.atomic():
        user.set_password(new_password)
        user.must_change_password = False
        user.save()
        audit_record(actor=user, action="user.password_change", target=user, detail="own password")
    return user


def invitation_accept(*, token: str, new_password: str) -> User:
    token_hash = hashlib.sha256(token.encode()).hexdigest()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("user")
            .filter(token_hash=token_hash)
            .first()
        )
        if (
            invitation is None
            or invitation.used_at is not None
            or invitation.expires_at <= timezone.now()
        ):
            raise ValidationError(
                {
                    "token": "This invitation link has expired or has already been used. Ask your champion for a new one."
                }
            )
        user = invitation.user
        if not user.is_active:
            raise ValidationError({"token": "This account is deactivated. Ask your champion."})
        try:
            password_validation.validate_password(new_password, user)
        except ValidationError as exc:
            raise ValidationError({"new_password1": exc.messages}) from exc
        user.set_password(new_password)
        user.must_change_password = False
        user.save()
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
        audit_record(actor=user, action="user.invitation_accept", target=user)
    return user


def invitation_is_valid(*, token: str) -> bool:
    token_hash = hashlib.sha256(token.encode()).hexdigest()
    return Invitation.objects.filter(
        token_hash=token_hash,
        used_at__isnull=True,
        expires_at__gt=timezone.now(),
        user__is_active=True,
    ).exists()


@transaction.atomic
def demo_user_ensure(*, username: str, full_name: str, role: RoleSpec, password: str) -> User:
    """A demo or test login (seed_demo and tests only): created once, password reset each time."""
    role_row = Role.objects.filter(
        key=role.key, kinds=list(role.kinds)
    ).first() or Role.objects.get(key=role.key)
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": full_name,
            "job_title": role.name,
            "email": f"{username}@example.org",
        },
    )
    user.set_password(password)
    user.is_active = True
    user.must_change_password = False
    user.role = role_row
    user.save()
    user.groups.set([role_row.group])
    privileges_set(user=user, privileges=set(role.default_privileges))
    return user

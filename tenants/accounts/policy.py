"""The delegation rule, in one place. The portal, the console, GraphQL and the
admin screens all ask these functions.

- Creating: only inside your own partner (platform staff: any partner). Only
  roles whose permissions are a subset of your own; a privilege only if you hold it.
- Editing: only users whose current permissions are a subset of your own; the
  role choices are their existing role plus roles within your rights; nobody
  raises their own role or privileges; the last active champion stays one.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import connection
from django_tenants.utils import get_public_schema_name

from tenants.accounts import capabilities as cap
from tenants.accounts.models import Role, User


class DelegationRefused(PermissionDenied):
    """A refusal a champion can read, optionally tied to a form field."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


NOT_YOUR_PARTNER = "You can only manage accounts in your own organisation."
NO_MANAGE_USERS = "You need the “manage users” privilege to manage accounts."
ROLE_ABOVE_YOU = "You can only give roles that have no more rights than your own."
PRIVILEGE_NOT_HELD = "You can only grant a privilege that you hold yourself."
USER_ABOVE_YOU = "You cannot change this account: it has rights that you do not have."
NO_RAISING_YOURSELF = "You cannot give yourself a role or privilege with more rights."
LAST_CHAMPION = (
    "This is the last active account that can manage users. "
    "Give another account the “manage users” privilege first."
)


@dataclass(frozen=True)
class ActorScope:
    """Who is acting, worked out in the schema they signed in to, before any switch."""

    user: User
    schema_name: str
    is_platform: bool
    permissions: frozenset[str]


def effective_permissions(user: User) -> frozenset[str]:
    """Role and privileges together, read fresh (no per-object cache)."""
    if not user.is_active:
        return frozenset()
    perms = set()
    if user.role_id:
        perms |= Role.objects.get(pk=user.role_id).permission_names()
    perms |= {
        f"{app}.{code}"
        for app, code in user.user_permissions.values_list("content_type__app_label", "codename")
    }
    return frozenset(perms)


def actor_scope(actor: User) -> ActorScope:
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise DelegationRefused(NO_MANAGE_USERS)
    schema = connection.schema_name
    return ActorScope(
        user=actor,
        schema_name=schema,
        is_platform=schema == get_public_schema_name(),
        permissions=effective_permissions(actor),
    )


def can_manage_users_in(scope: ActorScope, partner) -> bool:
    if scope.is_platform:
        return cap.MANAGE_PARTNER_USERS in scope.permissions
    return scope.schema_name == partner.schema_name and cap.MANAGE_USERS in scope.permissions


def check_manage_users_in(scope: ActorScope, partner) -> None:
    if not scope.is_platform and scope.schema_name != partner.schema_name:
        raise DelegationRefused(NOT_YOUR_PARTNER)
    if not can_manage_users_in(scope, partner):
        raise DelegationRefused(NO_MANAGE_USERS)


# The questions below are asked inside the partner's schema.


def role_within_rights(scope: ActorScope, role: Role) -> bool:
    return scope.is_platform or role.permission_names() <= scope.permissions


def assignable_roles(scope: ActorScope, partner, *, target: User | None = None) -> list[Role]:
    """The role list a form offers: within the actor's rights, plus the target's own."""
    roles = [
        role
        for role in Role.objects.filter(kinds__contains=[partner.kind]).prefetch_related(
            "group__permissions__content_type"
        )
        if role_within_rights(scope, role)
    ]
    if target is not None and target.role_id and all(r.pk != target.role_id for r in roles):
        roles.append(target.role)
    if target is not None and target.pk == scope.user.pk and not scope.is_platform:
        own = target.role.permission_names() if target.role_id else frozenset()
        roles = [r for r in roles if r.permission_names() <= own]
    return sorted(roles, key=lambda r: r.name)


def grantable_privileges(scope: ActorScope) -> list[str]:
    return [p for p in cap.PRIVILEGES if scope.is_platform or p in scope.permissions]


def check_create(scope: ActorScope, partner, *, role: Role, privileges: set[str]) -> None:
    check_manage_users_in(scope, partner)
    if not role_within_rights(scope, role):
        raise DelegationRefused(ROLE_ABOVE_YOU, field="role")
    _check_privileges(scope, privileges, current=set())


def can_edit(scope: ActorScope, partner, target: User) -> bool:
    try:
        check_edit_target(scope, partner, target)
    except DelegationRefused:
        return False
    return True


def check_edit_target(scope: ActorScope, partner, target: User) -> None:
    """May the actor touch this account at all (edit, reset, deactivate)?"""
    check_manage_users_in(scope, partner)
    if scope.is_platform or target.pk == scope.user.pk:
        return
    if not _permissions_ignoring_active(target) <= scope.permissions:
        raise DelegationRefused(USER_ABOVE_YOU)


def check_change(
    scope: ActorScope, partner, target: User, *, role: Role, privileges: set[str]
) -> None:
    check_edit_target(scope, partner, target)
    current_privileges = privileges_of(target)
    if role.pk != target.role_id:
        if target.pk == scope.user.pk and not scope.is_platform:
            own = target.role.permission_names() if target.role_id else frozenset()
            if not role.permission_names() <= own:
                raise DelegationRefused(NO_RAISING_YOURSELF, field="role")
        elif not role_within_rights(scope, role):
            raise DelegationRefused(ROLE_ABOVE_YOU, field="role")
    added = privileges - current_privileges
    if added and target.pk == scope.user.pk and not scope.is_platform:
        raise DelegationRefused(NO_RAISING_YOURSELF, field="privileges")
    _check_privileges(scope, privileges, current=current_privileges)


def _check_privileges(scope: ActorScope, privileges: set[str], *, current: set[str]) -> None:
    unknown = privileges - set(cap.PRIVILEGES)
    if unknown:
        raise DelegationRefused("That privilege does not exist.", field="privileges")
    if not scope.is_platform and not (privileges - current) <= scope.permissions:
        raise DelegationRefused(PRIVILEGE_NOT_HELD, field="privileges")


def privileges_of(user: User) -> set[str]:
    return {
        f"{app}.{code}"
        for app, code in user.user_permissions.values_list("content_type__app_label", "codename")
    } & set(cap.PRIVILEGES)


def _permissions_ignoring_active(user: User) -> frozenset[str]:
    """A deactivated account keeps its rights on paper: reactivating it must obey the rule."""
    perms = set(Role.objects.get(pk=user.role_id).permission_names()) if user.role_id else set()
    return frozenset(perms | privileges_of(user))


def is_champion(user: User) -> bool:
    return user.is_active and cap.MANAGE_USERS in privileges_of(user)


def check_not_last_champion(target: User, *, still_champion_after: bool) -> None:
    """Call with the partner's users locked (select_for_update)."""
    if still_champion_after or not is_champion(target):
        return
    others = (
        User.objects.filter(is_active=True, user_permissions__codename="manage_users")
        .exclude(pk=target.pk)
        .exists()
    )
    if not others:
        raise DelegationRefused(LAST_CHAMPION)


# --- API tokens ---------------------------------------------------------------------

NO_MANAGE_API_TOKENS = "Your role does not include creating or revoking API tokens."
TOKEN_USER_NOT_INTEGRATOR = "Choose an active service account whose role can use the API."


def can_manage_api_tokens(scope: ActorScope) -> bool:
    return not scope.is_platform and cap.MANAGE_API_TOKENS in scope.permissions


def check_manage_api_tokens(scope: ActorScope) -> None:
    if not can_manage_api_tokens(scope):
        raise DelegationRefused(NO_MANAGE_API_TOKENS)


def check_token_user(scope: ActorScope, user: User) -> None:
    """A token acts as its user: only an active API account within the actor's rights."""
    if not user.is_active or cap.USE_API not in effective_permissions(user):
        raise DelegationRefused(TOKEN_USER_NOT_INTEGRATOR, field="user")
    if not _permissions_ignoring_active(user) <= scope.permissions:
        raise DelegationRefused(USER_ABOVE_YOU, field="user")


def check_correct_audit_entry(scope: ActorScope, entry) -> None:
    """An audit entry is corrected by a champion of the partner whose history holds it, or
    by platform staff who manage partners' users for the platform's own history."""
    if entry.partner_schema != scope.schema_name:
        raise DelegationRefused("This entry is in another organisation's history.")
    needed = cap.MANAGE_PARTNER_USERS if scope.is_platform else cap.MANAGE_USERS
    if needed not in scope.permissions:
        raise DelegationRefused("Only a champion or platform staff can correct the audit history.")

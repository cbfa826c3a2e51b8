"""Reads about accounts, always scoped to what the actor may see."""

import functools

from django.db import connection
from django.db.models import Q, QuerySet

from tenants.accounts import policy
from tenants.accounts.models import AuditEntry, Role, User


def users_visible_to(*, actor, partner, query: str = "") -> QuerySet[User]:
    """A partner's accounts, for those who may manage them; none for anyone else."""
    scope = policy.actor_scope(actor)
    if not policy.can_manage_users_in(scope, partner):
        return User.objects.none()
    users = User.objects.select_related("role").prefetch_related("user_permissions__content_type")
    query = query.strip()
    if query:
        users = users.filter(
            Q(full_name__icontains=query) | Q(username__icontains=query) | Q(email__icontains=query)
        )
    return users.order_by("full_name", "username")


def user_for_admin(*, actor, partner, public_id) -> User | None:
    """One account by its public id, or None when it is not there or not the actor's to see."""
    try:
        return users_visible_to(actor=actor, partner=partner).filter(public_id=public_id).first()
    except (ValueError, TypeError):
        return None


def roles_offered(*, kind: str) -> QuerySet[Role]:
    """The roles a partner of this kind offers its accounts (by name)."""
    return Role.objects.filter(kinds__contains=[kind])


def colleague_get(*, public_id) -> User | None:
    """An account of this partner by its public id, active or not (the service that
    is given it says why an inactive one will not do)."""
    return User.objects.filter(public_id=public_id).first()


def users_active() -> QuerySet[User]:
    """The partner's active accounts, by name, with their role."""
    return User.objects.filter(is_active=True).select_related("role").order_by("full_name")


def line_manager_choices(*, exclude=None) -> QuerySet[User]:
    users = User.objects.filter(is_active=True).order_by("full_name")
    return users.exclude(pk=exclude.pk) if exclude is not None else users


def audit_visible_to(*, actor, partner, target: User | None = None) -> QuerySet[AuditEntry]:
    scope = policy.actor_scope(actor)
    if not policy.can_manage_users_in(scope, partner):
        return AuditEntry.objects.none()
    # Reads of safeguarding cases are reviewed per case by managers and DSLs, not here;
    # referrals keep their own trail on each referral.
    entries = AuditEntry.objects.exclude(action__startswith="safeguarding.").exclude(
        action__startswith="referral."
    )
    if target is not None:
        entries = entries.filter(target_public_id=target.public_id)
    return entries


def api_accounts_for(*, scope) -> list[User]:
    """Active accounts a token can be made for: they use the API, within the actor's rights."""
    from tenants.accounts import capabilities as cap

    accounts = []
    for user in User.objects.filter(is_active=True).order_by("full_name"):
        perms = policy.effective_permissions(user)
        if cap.USE_API in perms and perms <= scope.permissions:
            accounts.append(user)
    return accounts


def api_tokens_visible_to(*, actor):
    from tenants.accounts.models import ApiToken

    scope = policy.actor_scope(actor)
    if not policy.can_manage_api_tokens(scope):
        return ApiToken.objects.none()
    return ApiToken.objects.select_related("user", "created_by")


def permissions_of(user: User) -> set[str]:
    """Every permission the user holds, their own and their role's ("app.codename"), in
    one query where Django's ModelBackend makes two (CapabilitiesMiddleware and the API
    token check fill the backend's cache with it). The query's SQL is made once per
    process (see rights_statement): it is read on every request."""
    sql, params, slots = rights_statement()
    params = list(params)
    for slot in slots:
        params[slot] = user.pk
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {name for (name,) in cursor.fetchall()}


# An id no account has: it marks where the user's id goes in the compiled statement.
_NO_USER = -2_000_000_007


@functools.cache
def rights_statement() -> tuple[str, tuple, tuple[int, ...]]:
    """permission_names_of's SQL and parameters, and which parameters are the user's id.

    Compiling it costs more than running it. Its shape does not depend on the user (their
    id is only a parameter) nor on the partner (tables are found by the search path), so
    the text is made once and only the id changes."""
    sql, params = permission_names_of(_NO_USER).query.sql_with_params()
    slots = tuple(n for n, value in enumerate(params) if value == _NO_USER)
    if len(slots) != 2:  # own permissions and the role's: both must take the id
        raise RuntimeError(f"the rights query takes the user's id {len(slots)} times, not 2")
    return sql, tuple(params), slots


def permission_names_of(user_id) -> QuerySet:
    """The user's permissions as "app.codename" strings, their own and their role's."""
    from django.contrib.auth.models import Permission
    from django.db.models import Value
    from django.db.models.functions import Concat

    own = User.user_permissions.through.objects.filter(user_id=user_id).values("permission_id")
    role = Permission.objects.filter(group__user=user_id).values("pk")
    return (
        Permission.objects.filter(Q(pk__in=own) | Q(pk__in=role))
        .annotate(app_codename=Concat("content_type__app_label", Value("."), "codename"))
        .values("app_codename")
        .order_by()
    )

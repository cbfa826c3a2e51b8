"""Roles: seeded into the template and public, pruned to the partner's kind on
cloning, and added by managers under the delegation rule."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from tenants import hooks
from tenants.accounts import capabilities as cap
from tenants.accounts import policy
from tenants.accounts.models import Role
from tenants.accounts.roles import RoleSpec
from tenants.accounts.services.audit import audit_record


def _permissions(names) -> list[Permission]:
    perms = []
    for name in sorted(names):
        app, code = name.split(".", 1)
        perms.append(Permission.objects.get(content_type__app_label=app, codename=code))
    return perms


@transaction.atomic
def roles_seed(*, specs: list[RoleSpec]) -> None:
    """Create or refresh the built-in roles in the current schema (idempotent)."""
    for spec in specs:
        kinds = list(spec.kinds)
        role = Role.objects.filter(key=spec.key, kinds=kinds).select_related("group").first()
        if role is None:
            group = Group.objects.create(name=f"{spec.name} ({'/'.join(kinds)})")
            role = Role.objects.create(
                key=spec.key, name=spec.name, kinds=kinds, group=group, description=spec.description
            )
        role.group.permissions.set(_permissions(spec.permissions))


@transaction.atomic
def roles_prune_to_kind(*, kind: str) -> None:
    """A new partner keeps only its own kind's roles (the template holds every kind's)."""
    others = Role.objects.exclude(kinds__contains=[kind])
    groups = [role.group_id for role in others]
    others.delete()
    Group.objects.filter(pk__in=groups).delete()
    for role in Role.objects.all():  # names no longer need the kind to be unique
        Group.objects.filter(pk=role.group_id).update(name=role.name)


@transaction.atomic
def role_create(*, actor, partner, name: str, permissions: set[str], description: str = "") -> Role:
    """A partner-specific role: only by those who may add roles, and never above their rights."""
    scope = policy.actor_scope(actor)
    if scope.schema_name != partner.schema_name and not scope.is_platform:
        raise policy.DelegationRefused(policy.NOT_YOUR_PARTNER)
    if not scope.is_platform and cap.MANAGE_ROLES not in scope.permissions:
        raise policy.DelegationRefused("You need the right to add roles to do this.")
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the role."})
    if Role.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"A role called “{name}” already exists."})
    unknown = permissions - set(cap.CAPABILITIES) - {cap.WAGTAIL_ACCESS_ADMIN}
    if unknown:
        raise ValidationError({"permissions": "Choose only from the listed rights."})
    if not scope.is_platform and not permissions <= scope.permissions:
        raise policy.DelegationRefused(policy.ROLE_ABOVE_YOU, field="permissions")
    key = slugify(name)[:60] or "role"
    clash = Role.objects.filter(key=key).first()
    if clash is not None:
        # Keys are how roles are referred to in code and the API: two cannot share one.
        raise ValidationError(
            {
                "name": f"“{name}” is too close to the existing role “{clash.name}”: choose another name."
            }
        )
    group = Group.objects.create(name=name)
    group.permissions.set(_permissions(permissions))
    role = Role.objects.create(
        key=key,
        name=name,
        kinds=[partner.kind],
        group=group,
        description=description,
        is_builtin=False,
    )
    # The manual's page rights and reviewers follow the role's capabilities (Wagtail).
    hooks.role_rights_changed()
    audit_record(
        actor=actor,
        actor_is_platform=scope.is_platform,
        action="role.create",
        after={"role": name, "permissions": sorted(permissions)},
    )
    return role

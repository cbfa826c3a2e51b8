"""Account writes. The delegation rule and invitations arrive with the accounts issue;
these are the system-level steps that seeding and provisioning need now."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from tenants.accounts.models import User
from tenants.accounts.roles import PLATFORM_ROLE_PERMISSIONS, RoleSpec


def role_group_ensure(*, role: RoleSpec) -> Group:
    """The role's group in the current schema, with its declared permissions."""
    group, _ = Group.objects.get_or_create(name=role.name)
    codenames = PLATFORM_ROLE_PERMISSIONS.get(role.key, [])
    if codenames:
        perms = [
            Permission.objects.get(content_type__app_label=app, codename=code)
            for app, code in (c.split(".") for c in codenames)
        ]
        group.permissions.set(perms)
    return group


@transaction.atomic
def demo_user_ensure(*, username: str, full_name: str, role: RoleSpec, password: str) -> User:
    """A demo login (seed_demo only): created once, its password reset on each seed."""
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
    user.save()
    user.groups.set([role_group_ensure(role=role)])
    return user

"""Making accounts for tests directly (not through the services under test)."""

import itertools

from django.contrib.auth.models import Permission

from tenants.accounts import capabilities as cap
from tenants.accounts.models import Role, User

_counter = itertools.count()


def make_user(
    *, role_key: str, privileges=(cap.CHANGE_OWN_PASSWORD,), password: str | None = None
) -> User:
    """An account in the current schema with this role and these privileges."""
    role = Role.objects.get(key=role_key)
    user = User.objects.create(
        username=f"{role_key}-{next(_counter)}", full_name=f"Test {role.name}", role=role
    )
    if password:
        user.set_password(password)
        user.save()
    user.groups.set([role.group])
    codes = [p.split(".", 1)[1] for p in privileges]
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label=cap.APP, codename__in=codes)
    )
    return User.objects.get(pk=user.pk)  # fresh: no cached permissions

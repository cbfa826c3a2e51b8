"""Who keeps retention: the data protection role (cap.PROTECT_DATA) edits the rules,
places and releases legal holds, confirms disposal and erasure on request. Nobody else
sees these screens."""

from django.core.exceptions import PermissionDenied

from tenants.accounts import capabilities as cap


class RetentionRefused(PermissionDenied):
    pass


def can_keep_retention(user) -> bool:
    return bool(user.is_active and user.has_perm(cap.PROTECT_DATA))


def check_keep_retention(user) -> None:
    if not can_keep_retention(user):
        raise RetentionRefused("Only the data protection officer keeps retention and erasure.")

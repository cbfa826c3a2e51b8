"""Who may take a subject access export: the data protection role (cap.PROTECT_DATA).
They may take one about any person the partner holds, whoever owns the record; each
bundle is then handed back only to the person who asked for it."""

from django.core.exceptions import PermissionDenied

from tenants.accounts import capabilities as cap


class SubjectAccessRefused(PermissionDenied):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def can_take_subject_access(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(cap.PROTECT_DATA))


def check_take_subject_access(user) -> None:
    if not can_take_subject_access(user):
        raise SubjectAccessRefused("Only the data protection role takes subject access exports.")

"""Who may see reports and take exports. What is in them is decided by the casework
selectors (owner, managers, shares), never here."""

from django.core.exceptions import PermissionDenied

from tenants.accounts import capabilities as cap


class ReportsRefused(PermissionDenied):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def can_view_reports(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(cap.VIEW_REPORTS)


def check_view_reports(user) -> None:
    if not can_view_reports(user):
        raise ReportsRefused("Your role does not include seeing reports.")


def can_export(user, dataset) -> bool:
    return user.is_authenticated and user.is_active and dataset.allowed(user)


def check_export(user, dataset) -> None:
    if not can_export(user, dataset):
        raise ReportsRefused(f"Your role does not include exporting {dataset.title.lower()}.")

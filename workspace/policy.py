"""Who may see and close reported problems: the partner's champions (who manage its
users) see and close every report; anyone sees the reports they made."""

from django.core.exceptions import PermissionDenied

from tenants.accounts import capabilities as cap


class ProblemRefused(PermissionDenied):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_report_problem(user) -> bool:
    return _staff(user)


def check_report_problem(user) -> None:
    if not can_report_problem(user):
        raise ProblemRefused("Sign in to report a problem.")


def can_handle_problems(user) -> bool:
    return _staff(user) and user.has_perm(cap.MANAGE_USERS)


def check_handle_problems(user) -> None:
    if not can_handle_problems(user):
        raise ProblemRefused("Only a champion closes reported problems.")


def can_see_problem(user, report) -> bool:
    return can_handle_problems(user) or (
        _staff(user) and report.reported_by_id is not None and report.reported_by_id == user.pk
    )

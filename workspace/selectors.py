"""Reads of reported problems, scoped in SQL to what the user may see."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from workspace import policy
from workspace.models import ProblemReport, ProblemStatus


def problems_visible_to(*, user) -> QuerySet[ProblemReport]:
    if policy.can_handle_problems(user):
        return ProblemReport.objects.all()
    if policy.can_report_problem(user):
        return ProblemReport.objects.filter(reported_by=user)
    return ProblemReport.objects.none()


def problem_get(*, user, public_id) -> ProblemReport | None:
    try:
        return problems_visible_to(user=user).filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def problems_reported_by(*, user) -> QuerySet[ProblemReport]:
    return problems_visible_to(user=user).filter(reported_by=user)


def problems_to_handle(*, user) -> QuerySet[ProblemReport]:
    """A champion's queue: open reports, oldest first."""
    if not policy.can_handle_problems(user):
        return ProblemReport.objects.none()
    return ProblemReport.objects.filter(status=ProblemStatus.OPEN).order_by("created_at", "pk")

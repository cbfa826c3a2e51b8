"""Report definitions: each names who may see it and builds its figures from selectors
scoped to the user, for any date range. Borough and provider reports (referrals by
borough, provider and status, the funnel, not-interested reasons, activity per officer
and adviser) register here as further definitions when the referral exchange lands."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class ReportDefinition:
    key: str
    title: str
    description: str
    template: str
    allowed: Callable  # (user) → bool, on top of VIEW_REPORTS
    build: Callable  # (user=, date_from=, date_to=) → template context
    exports: tuple[str, ...] = ()  # dataset keys offered beside the figures


def _definitions() -> list[ReportDefinition]:
    from reports.definitions import casework, customers, employment

    return [casework.DEFINITION, customers.DEFINITION, employment.DEFINITION]


def reports_for(user) -> list[ReportDefinition]:
    from reports.policy import can_view_reports

    if not can_view_reports(user):
        return []
    return [d for d in _definitions() if d.allowed(user)]


def report_get(user, key: str) -> ReportDefinition | None:
    return next((d for d in reports_for(user) if d.key == key), None)


def month_starts(date_from: date, date_to: date) -> list[date]:
    months, current = [], date_from.replace(day=1)
    while current <= date_to:
        months.append(current)
        current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
    return months

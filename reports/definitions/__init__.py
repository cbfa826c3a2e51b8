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


MAX_MONTHS = 60


def order_errors(date_from: date | None, date_to: date | None) -> dict[str, str]:
    """A date range the wrong way round, by field: reports and exports, screen and API."""
    if date_from and date_to and date_from > date_to:
        return {"date_to": "The “to” date must be the same as or after “from”."}
    return {}


def range_errors(date_from: date | None, date_to: date | None) -> dict[str, str]:
    """What is wrong with a report's date range, by field (the screen and the API)."""
    if not (date_from and date_to):
        return {}
    if wrong := order_errors(date_from, date_to):
        return wrong
    if (date_to.year - date_from.year) * 12 + date_to.month - date_from.month >= MAX_MONTHS:
        return {"date_to": f"Choose a range of {MAX_MONTHS // 12} years or less for a report."}
    return {}

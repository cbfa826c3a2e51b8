"""Report figures for any date range, computed by the portal's report definitions and
shown to the same roles (reports.definitions.report_get)."""

from datetime import date

import strawberry
from django.core.exceptions import ValidationError
from strawberry.types import Info

from graphql_api.auth import user_of
from graphql_api.errors import REFUSED, FieldError, errors_from
from graphql_api.reports.types import (
    EmploymentReportResult,
    InterestReportResult,
    employment_report,
    interest_report,
)
from reports.definitions import range_errors, report_get
from reports.forms import default_range


def _figures(info: Info, key: str, date_from: date | None, date_to: date | None):
    """(figures, from, to, errors): the definition's figures, or why there are none."""
    definition = report_get(user_of(info), key)
    if definition is None:
        refused = "Your role does not include this report."
        return None, None, None, [FieldError(field=None, message=refused, code=REFUSED)]
    start, end = default_range()  # as the screen: the last twelve months
    date_from, date_to = date_from or start, date_to or end
    wrong = range_errors(date_from, date_to)
    if wrong:
        return None, None, None, errors_from(ValidationError(wrong))
    figures = definition.build(user=user_of(info), date_from=date_from, date_to=date_to)
    return figures, date_from, date_to, []


@strawberry.type
class ReportsQuery:
    @strawberry.field(
        description="Employment support referrals on your side of the exchange (a borough "
        "what it sent, a provider what it received), sent between the dates (default: the "
        "last twelve months)."
    )
    def employment_report(
        self, info: Info, date_from: date | None = None, date_to: date | None = None
    ) -> EmploymentReportResult:
        figures, start, end, errors = _figures(info, "employment", date_from, date_to)
        report = employment_report(figures, start, end) if figures is not None else None
        return EmploymentReportResult(report=report, errors=errors)

    @strawberry.field(
        description="Residents asked about employment or training support between the dates, "
        "and why some said no."
    )
    def interest_report(
        self, info: Info, date_from: date | None = None, date_to: date | None = None
    ) -> InterestReportResult:
        figures, start, end, errors = _figures(info, "interest", date_from, date_to)
        report = interest_report(figures, start, end) if figures is not None else None
        return InterestReportResult(report=report, errors=errors)

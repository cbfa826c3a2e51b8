"""Report figures, built by the portal's report definitions (reports/definitions/) for
the same readers: each partner counts its own side only."""

from datetime import date

import strawberry

from graphql_api.errors import FieldError


@strawberry.type(name="LabelledCount")
class LabelledCount:
    label: str
    count: int


@strawberry.type(name="MonthCount")
class MonthCount:
    month: date = strawberry.field(description="The first day of the month.")
    count: int


@strawberry.type(name="RouteCount", description="Referrals from a borough to a provider.")
class RouteCount:
    borough: str
    provider: str
    status: str
    count: int


@strawberry.type(name="PersonActivity", description="What one of your people did, by action.")
class PersonActivity:
    name: str
    total: int
    actions: list[LabelledCount]


@strawberry.type(name="EmploymentReport")
class EmploymentReport:
    date_from: date
    date_to: date
    referred: int
    funnel: list[LabelledCount] = strawberry.field(
        description="Referred → first appointment attended → training → qualification → job "
        "→ sustained (13 or 26 weeks)."
    )
    by_route: list[RouteCount]
    monthly: list[MonthCount] = strawberry.field(description="Referrals sent each month.")
    activity: list[PersonActivity] = strawberry.field(
        description="Per officer (referring, booking) or adviser (statuses, steps)."
    )


@strawberry.type(name="InterestMonth")
class InterestMonth:
    month: date
    interested: int
    not_interested: int


@strawberry.type(name="InterestReport")
class InterestReport:
    date_from: date
    date_to: date
    asked: int
    interested: int
    not_interested: int
    not_interested_reasons: list[LabelledCount] = strawberry.field(
        description="The borough's reasons, most given first; other reasons in their own "
        "words counted together."
    )
    monthly: list[InterestMonth]


@strawberry.type
class EmploymentReportResult:
    report: EmploymentReport | None = strawberry.field(
        description="Null when the dates are wrong or the report is not yours to see."
    )
    errors: list[FieldError]


@strawberry.type
class InterestReportResult:
    report: InterestReport | None = strawberry.field(
        description="Null when the dates are wrong or the report is not yours to see."
    )
    errors: list[FieldError]


def employment_report(figures: dict, date_from: date, date_to: date) -> EmploymentReport:
    return EmploymentReport(
        date_from=date_from,
        date_to=date_to,
        referred=figures["totals"]["referred"],
        funnel=[LabelledCount(label=label, count=n) for label, n in figures["funnel"]],
        by_route=[
            RouteCount(
                borough=row["borough"],
                provider=row["provider"],
                status=row["status"],
                count=row["n"],
            )
            for row in figures["by_route"]
        ],
        monthly=[MonthCount(month=month, count=n) for month, n in figures["monthly"]],
        activity=[
            PersonActivity(
                name=person["name"],
                total=person["total"],
                actions=[LabelledCount(label=a, count=n) for a, n in person["actions"]],
            )
            for person in figures["activity"]
        ],
    )


def interest_report(figures: dict, date_from: date, date_to: date) -> InterestReport:
    totals = figures["totals"]
    return InterestReport(
        date_from=date_from,
        date_to=date_to,
        asked=totals["asked"],
        interested=totals["interested"],
        not_interested=totals["not_interested"],
        not_interested_reasons=[
            LabelledCount(label=label, count=n) for label, n in figures["reasons"]
        ],
        monthly=[
            InterestMonth(
                month=m["month"], interested=m["interested"], not_interested=m["not_interested"]
            )
            for m in figures["monthly"]
        ],
    )

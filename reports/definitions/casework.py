"""Family-centre figures: engagements opened and closed, sessions by service and
attendance, by month. Counted in SQL over what the user may see."""

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from casework import charts
from casework.models import Attendance
from casework.policy import can_record_casework
from casework.selectors import deliveries_visible_to, engagements_visible_to
from reports.definitions import ReportDefinition, month_starts


def _by_month(queryset, field: str) -> dict:
    return dict(
        queryset.annotate(month=TruncMonth(field))
        .values_list("month")
        .annotate(n=Count("id"))
        .values_list("month", "n")
    )


def build(*, user, date_from, date_to) -> dict:
    engagements = engagements_visible_to(user=user)
    opened = engagements.filter(start_date__gte=date_from, start_date__lte=date_to)
    closed = engagements.filter(closed_on__gte=date_from, closed_on__lte=date_to)
    deliveries = deliveries_visible_to(user=user).filter(date__gte=date_from, date__lte=date_to)

    months = month_starts(date_from, date_to)
    opened_by_month = _by_month(opened, "start_date")
    closed_by_month = _by_month(closed, "closed_on")
    delivered_by_month = _by_month(deliveries, "date")
    attended_by_month = _by_month(deliveries.filter(attendance=Attendance.ATTENDED), "date")
    monthly = [
        {
            "month": month,
            "opened": opened_by_month.get(month, 0),
            "closed": closed_by_month.get(month, 0),
            "deliveries": delivered_by_month.get(month, 0),
            "attended": attended_by_month.get(month, 0),
        }
        for month in months
    ]

    attendance_counts = {
        f"n_{value}": Count("id", filter=Q(attendance=value)) for value in Attendance.values
    }
    by_service = [
        {
            "service": row["service__name"],
            "total": row["total"],
            "attendance": [row[f"n_{value}"] for value in Attendance.values],
        }
        for row in deliveries.order_by()
        .values("service__name")
        .annotate(total=Count("id"), **attendance_counts)
        .order_by("service__name")
    ]
    return {
        "totals": {
            "opened": opened.count(),
            "closed": closed.count(),
            "deliveries": sum(m["deliveries"] for m in monthly),
            "attended": sum(m["attended"] for m in monthly),
        },
        "monthly": monthly,
        "by_service": by_service,
        "attendance_labels": list(Attendance.labels),
        "deliveries_chart": charts.monthly_bars([(m["month"], m["deliveries"]) for m in monthly]),
        "opened_chart": charts.monthly_bars([(m["month"], m["opened"]) for m in monthly]),
    }


DEFINITION = ReportDefinition(
    key="casework",
    title="Engagements and sessions",
    description="Engagements opened and closed, and sessions by service, attendance and month.",
    template="reports/report_casework.html",
    allowed=can_record_casework,
    build=build,
    exports=("engagements", "deliveries"),
)

"""Borough figures kept locally: residents asked about employment or training support,
who said yes, who said no and why (the reasons list plus "other")."""

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from casework import charts
from customers.models import Interest, NotInterestedReason
from customers.policy import can_work_with_customers
from customers.selectors import customers_visible_to
from reports.definitions import ReportDefinition, month_starts

OTHER = "Other (in their own words)"


def build(*, user, date_from, date_to) -> dict:
    asked = customers_visible_to(user=user).filter(
        interest_recorded_on__gte=date_from, interest_recorded_on__lte=date_to
    )
    totals = asked.aggregate(
        interested=Count("id", filter=Q(interest=Interest.INTERESTED)),
        not_interested=Count("id", filter=Q(interest=Interest.NOT_INTERESTED)),
    )
    declined = asked.filter(interest=Interest.NOT_INTERESTED)
    reasons = list(
        NotInterestedReason.objects.filter(customer__in=declined.values("pk"))
        .values_list("name")
        .annotate(n=Count("customer"))
        .order_by("-n", "name")
    )
    other = declined.exclude(not_interested_other="").count()
    if other:
        reasons.append((OTHER, other))
    by_month = {
        (month, interest): n
        for month, interest, n in asked.annotate(month=TruncMonth("interest_recorded_on"))
        .values_list("month", "interest")
        .annotate(n=Count("id"))
        .values_list("month", "interest", "n")
    }
    monthly = [
        {
            "month": month,
            "interested": by_month.get((month, Interest.INTERESTED), 0),
            "not_interested": by_month.get((month, Interest.NOT_INTERESTED), 0),
        }
        for month in month_starts(date_from, date_to)
    ]
    return {
        "totals": totals | {"asked": totals["interested"] + totals["not_interested"]},
        "reasons": reasons,
        "monthly": monthly,
        "asked_chart": charts.monthly_bars(
            [(m["month"], m["interested"] + m["not_interested"]) for m in monthly]
        ),
    }


DEFINITION = ReportDefinition(
    key="interest",
    title="Interest in support",
    description="Residents asked about employment or training support, and why some said no.",
    template="reports/report_interest.html",
    allowed=can_work_with_customers,
    build=build,
    exports=("customers",),
)

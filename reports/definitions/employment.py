"""Employment support referrals (borough to provider), counted on this partner's side
of the exchange only: a borough counts what it sent, a provider what it received. The
steps counted are the checklist copies the exchange keeps on both sides."""

from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import TruncMonth

from casework import charts
from customers.models import OutcomeStep, StepKind
from referrals.models import Direction, Referral, ReferralEvent, ReferralStatus
from referrals.services.exchange.common import current_partner
from referrals.types import EMPLOYMENT_SUPPORT
from reports.definitions import ReportDefinition, month_starts

FUNNEL = [
    ("Referred", None),
    ("First appointment attended", [StepKind.FIRST_ATTENDED]),
    ("Training", [StepKind.TRAINING_STARTED]),
    ("Qualification", [StepKind.QUALIFICATION]),
    ("Job", [StepKind.EMPLOYMENT]),
    ("Sustained", [StepKind.SUSTAINED_13, StepKind.SUSTAINED_26]),
]


def allowed(user) -> bool:
    from customers.policy import can_record_outcomes, can_work_with_customers

    return can_work_with_customers(user) or can_record_outcomes(user)


def referrals_reported(*, user, date_from=None, date_to=None):
    """This partner's copies of employment support referrals sent in the dates."""
    if not allowed(user):
        return Referral.objects.none()
    referrals = Referral.objects.filter(referral_type=EMPLOYMENT_SUPPORT)
    if date_from:
        referrals = referrals.filter(sent_at__date__gte=date_from)
    if date_to:
        referrals = referrals.filter(sent_at__date__lte=date_to)
    return referrals


def _reached(kinds) -> Exists:
    return Exists(OutcomeStep.objects.standing().filter(referral=OuterRef("pk"), kind__in=kinds))


def build(*, user, date_from, date_to) -> dict:
    me = current_partner().name
    referrals = referrals_reported(user=user, date_from=date_from, date_to=date_to)
    statuses = dict(ReferralStatus.choices)
    by_route = [
        {
            "borough": me if row["direction"] == Direction.SENT else row["other_partner_name"],
            "provider": row["other_partner_name"] if row["direction"] == Direction.SENT else me,
            "status": statuses.get(row["status"], row["status"]),
            "n": row["n"],
        }
        for row in referrals.order_by()
        .values("direction", "other_partner_name", "status")
        .annotate(n=Count("id"))
        .order_by("other_partner_name", "status")
    ]
    reached = referrals.aggregate(
        **{
            f"s{i}": Count("id", filter=_reached(kinds))
            for i, (_, kinds) in enumerate(FUNNEL)
            if kinds
        }
    )
    funnel = [
        (label, referrals.count() if kinds is None else reached[f"s{i}"])
        for i, (label, kinds) in enumerate(FUNNEL)
    ]
    per_month = dict(
        referrals.annotate(month=TruncMonth("sent_at"))
        .values_list("month")
        .annotate(n=Count("id"))
        .values_list("month", "n")
    )
    monthly = [
        (month, sum(n for m, n in per_month.items() if m.date() == month))
        for month in month_starts(date_from, date_to)
    ]
    # Activity: what each of our people did on these referrals in the dates (their own
    # side's events: referring and booking for officers, statuses and steps for advisers).
    activity = (
        ReferralEvent.objects.filter(
            referral__in=Referral.objects.filter(referral_type=EMPLOYMENT_SUPPORT),
            partner_name=me,
            at__date__gte=date_from,
            at__date__lte=date_to,
        )
        .exclude(by_name="")
        .values("by_name", "action")
        .annotate(n=Count("id"))
        .order_by("by_name", "action")
    )
    people: dict[str, dict] = {}
    for row in activity:
        people.setdefault(row["by_name"], {})[row["action"]] = row["n"]
    return {
        "totals": {"referred": funnel[0][1]},
        "by_route": by_route,
        "funnel": funnel,
        "funnel_chart": charts.labelled_bars(funnel),
        "monthly": monthly,
        "monthly_chart": charts.monthly_bars(monthly),
        "activity": [
            {"name": name, "actions": sorted(actions.items()), "total": sum(actions.values())}
            for name, actions in people.items()
        ],
    }


DEFINITION = ReportDefinition(
    key="employment",
    title="Employment support referrals",
    description="Referrals by borough, provider and status, the journey to a job, and who "
    "did what.",
    template="reports/report_employment.html",
    allowed=allowed,
    build=build,
    exports=("employment-referrals",),
)

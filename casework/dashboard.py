"""The home page's figures: what needs a caseworker's attention, from what they may see."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import TruncWeek

from casework.models import ENDED_STAGES, Attendance, ServiceDelivery
from casework.selectors import deliveries_visible_to, engagements_visible_to

QUIET_DAYS = 14
WEEKS = 12


@dataclass(frozen=True)
class FollowUp:
    key: str
    title: str
    engagements: list


def open_engagements_visible_to(*, user):
    return engagements_visible_to(user=user).exclude(stage__in=ENDED_STAGES)


def my_open_engagements(*, user, limit: int = 20):
    return open_engagements_visible_to(user=user).filter(owner=user)[:limit]


def my_recent_sessions(*, user, limit: int = 10):
    return (
        deliveries_visible_to(user=user)
        .filter(recorded_by=user)
        .select_related("engagement__contact", "service")
        .order_by("-date", "-id")[:limit]
    )


def follow_ups(*, user, today: date | None = None, limit: int = 50) -> list[FollowUp]:
    """Absent at the last delivery; three absences in a row; nothing for 14 days."""
    today = today or date.today()
    # Removed deliveries (entered in error) never happened: they count for nothing.
    latest = ServiceDelivery.objects.filter(
        engagement=OuterRef("pk"), removed_at__isnull=True
    ).order_by("-date", "-id")
    engagements = open_engagements_visible_to(user=user).annotate(
        last_attendance=Subquery(latest.values("attendance")[:1]),
        last_date=Subquery(latest.values("date")[:1]),
        last_three=ArraySubquery(latest.values("attendance")[:3]),
    )
    quiet_since = today - timedelta(days=QUIET_DAYS)
    return [
        FollowUp(
            "absent-last",
            "Absent at their last session",
            list(engagements.filter(last_attendance=Attendance.ABSENT)[:limit]),
        ),
        FollowUp(
            "absent-three",
            "Absent three times in a row",
            list(engagements.filter(last_three=[Attendance.ABSENT] * 3)[:limit]),
        ),
        FollowUp(
            "quiet",
            f"No session for {QUIET_DAYS} days",
            list(
                engagements.filter(
                    Q(last_date__lt=quiet_since)
                    | Q(last_date__isnull=True, start_date__lt=quiet_since)
                )[:limit]
            ),
        ),
    ]


def deliveries_per_week(*, user, today: date | None = None) -> list[tuple[date, int]]:
    """The last 12 weeks (Monday first), with zero for weeks without deliveries."""
    today = today or date.today()
    this_monday = today - timedelta(days=today.weekday())
    first = this_monday - timedelta(weeks=WEEKS - 1)
    counts = dict(
        deliveries_visible_to(user=user)
        .filter(date__gte=first, date__lte=today)
        .annotate(week=TruncWeek("date"))
        .values_list("week")
        .annotate(n=Count("id"))
        .values_list("week", "n")
    )
    weeks = [first + timedelta(weeks=i) for i in range(WEEKS)]
    return [(week, counts.get(week, 0)) for week in weeks]


def group_sessions_on(*, user, day: date):
    """Group sessions recorded for a day (a session is the partner's, not a person's: its
    rows stay under their engagements' own rules)."""
    from casework.models import GroupSession
    from casework.policy import can_record_casework

    if not can_record_casework(user):
        return GroupSession.objects.none()
    return (
        GroupSession.objects.filter(date=day)
        .select_related("service", "recorded_by")
        .annotate(rows=Count("deliveries"))
        .order_by("service__name", "pk")
    )

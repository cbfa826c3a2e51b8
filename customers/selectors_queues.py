"""The borough's and the provider's queues: what the home page counts and the lists its
counts lead to, each scoped to what the user may see (customers.selectors) and filtered
in SQL."""

from datetime import date

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from customers import policy
from customers.models import Appointment, AppointmentStatus, Customer, OutcomeStep
from customers.selectors import (
    appointments_visible_to,
    customers_visible_to,
    journeys_received_visible_to,
    outcome_steps_visible_to,
)
from referrals.models import ENDED, Direction, Referral, ReferralEvent

# --- Borough: the housing officer's customers ---


def customers_with_open_journey(*, user) -> QuerySet[Customer]:
    """The officer's own customers (those they added) with a referral still open, each
    with its latest step: the provider's last checklist step, else the referral's last
    event (accepted, appointment booked, …), both as the exchange copied them back."""
    open_referrals = Referral.objects.filter(
        direction=Direction.SENT, customer_link__customer=OuterRef("pk")
    ).exclude(status__in=ENDED)
    steps = OutcomeStep.objects.filter(
        referral__direction=Direction.SENT, referral__customer_link__customer=OuterRef("pk")
    ).order_by("-on", "-recorded_at", "-id")
    events = ReferralEvent.objects.filter(
        referral__direction=Direction.SENT, referral__customer_link__customer=OuterRef("pk")
    ).order_by("-at", "-id")
    return (
        customers_visible_to(user=user)
        .filter(created_by=user)
        .filter(Q(pk__in=Subquery(open_referrals.values("customer_link__customer"))))
        .annotate(
            latest_step_kind=Subquery(steps.values("kind")[:1]),
            latest_step_on=Subquery(steps.values("on")[:1]),
            latest_event=Subquery(events.values("action")[:1]),
            latest_event_at=Subquery(events.values("at")[:1]),
        )
        .order_by("last_name", "first_name", "pk")
    )


# --- Provider: appointments and the caseload ---


def without_status(*, today: date) -> Q:
    """Booked appointments whose day has passed with no status recorded: the hourly
    sweep's list (it flags each once) and the advisers' queue."""
    return Q(status=AppointmentStatus.BOOKED, on__lt=today)


def appointments_without_status(appointments: QuerySet[Appointment], *, today: date):
    return appointments.filter(without_status(today=today))


def appointments_queue(*, user, show: str, today: date, mine: bool) -> QuerySet[Appointment]:
    """ "today": the day's appointments; "missing": those without a status. `mine`: only
    the user's own (an adviser's view); otherwise the whole team's (a manager's)."""
    appointments = appointments_visible_to(user=user).select_related("referral", "adviser")
    if mine:
        appointments = appointments.filter(adviser=user)
    if show == "today":
        return appointments.filter(on=today).order_by("at", "pk")
    if show == "missing":
        return appointments_without_status(appointments, today=today).order_by("on", "at", "pk")
    return appointments.none()


def referrals_waiting_for_booking(*, user) -> QuerySet[Referral]:
    """Received employment support referrals, still open, with no appointment yet."""
    return (
        journeys_received_visible_to(user=user)
        .exclude(status__in=ENDED)
        .filter(appointments__isnull=True)
        .order_by("sent_at", "pk")
    )


def caseload_latest_steps(*, user, mine: bool, limit: int = 10) -> list[OutcomeStep]:
    """The latest checklist steps recorded on received referrals: the adviser's own
    caseload (referrals with an appointment with them) or the whole team's."""
    if not policy.can_record_outcomes(user):
        return []
    steps = outcome_steps_visible_to(user=user).filter(referral__direction=Direction.RECEIVED)
    if mine:
        steps = steps.filter(
            referral__in=Appointment.objects.filter(adviser=user).values("referral")
        )
    return list(steps.select_related("referral").order_by("-recorded_at", "-id")[:limit])


def team_by_adviser(*, user, today: date) -> list[dict]:
    """A manager's view of the team: per adviser, today's appointments and those without a
    status, in one grouped query."""
    if not policy.can_record_outcomes(user):
        return []
    rows = (
        appointments_visible_to(user=user)
        .order_by()
        .values("adviser", "adviser__full_name", "adviser_name")
        .annotate(
            today=Count("pk", filter=Q(on=today)),
            missing=Count("pk", filter=without_status(today=today)),
        )
        .filter(Q(today__gt=0) | Q(missing__gt=0))
        .order_by("adviser__full_name", "adviser_name")
    )
    return [
        {
            "adviser": row["adviser__full_name"] or row["adviser_name"] or "No adviser named",
            "today": row["today"],
            "missing": row["missing"],
        }
        for row in rows
    ]

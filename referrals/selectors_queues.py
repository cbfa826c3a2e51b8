"""The support line's and senders' queues: what the home page counts and the lists its
counts lead to, each scoped to what the user may see and filtered in SQL."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from casework.consent import consent_in_force_q
from casework.models import Contact
from referrals import policy
from referrals.models import (
    ENDED,
    NOT_USED_YET,
    CaseStatus,
    Referral,
    ReferralStatus,
    SupportCase,
)
from referrals.selectors import cases_visible_to, referrals_sent_visible_to

CASE_LISTS = {
    "mine": "My open cases",
    "returned": "Cases returned to me",
    "safeguarding": "Cases with safeguarding activated",
    "lawful-basis": "Cases waiting for a lawful basis",
}


def case_list(*, user, show: str) -> QuerySet[SupportCase]:
    """The support line's case lists, each filtered in SQL: the call handler's own open
    cases and those the data team returned to them (with the reviewer's comment); for
    supervisors, cases where safeguarding was activated and cases whose referrals wait for
    a lawful basis."""
    cases = cases_visible_to(user=user)
    if show == "mine":
        return cases.filter(created_by=user).exclude(status=CaseStatus.REVIEWED)
    if show == "returned":
        return cases.filter(created_by=user, status=CaseStatus.RETURNED).order_by("-updated_at")
    if show == "safeguarding" and policy.can_set_lawful_basis(user):
        return cases.filter(safeguarding_activated=True).exclude(status=CaseStatus.REVIEWED)
    if show == "lawful-basis" and policy.can_set_lawful_basis(user):
        return cases_awaiting_lawful_basis(cases)
    return cases.none()


def cases_awaiting_lawful_basis(cases: QuerySet[SupportCase]) -> QuerySet[SupportCase]:
    """Cases in review with a local referral still to send, for someone who has not
    consented and no lawful basis recorded: the data team cannot send until a
    supervisor or DSL records one (the exchange refuses otherwise)."""
    return (
        cases.filter(status=CaseStatus.READY, lawful_basis="")
        .exclude(consent_in_force_q("beneficiary__"))
        .filter(local_referrals__referral__isnull=True)
        .distinct()
        .order_by("ready_at", "pk")
    )


def callers_spoken_to(*, user, day) -> QuerySet[Contact]:
    """Callers this handler added, opened a case for or wrote a note about on `day`."""
    if not policy.can_handle_calls(user):
        return Contact.objects.none()
    spoke = (
        Q(created_by=user, created_at__date=day)
        | Q(calls_made__created_by=user, calls_made__created_at__date=day)
        | Q(calls_made__notes__author=user, calls_made__notes__at__date=day)
    )
    matching = Contact.objects.filter(spoke).values("pk")
    return Contact.objects.filter(pk__in=matching).order_by("first_name", "last_name", "pk")


def late_for_an_answer(referrals: QuerySet[Referral], *, now) -> QuerySet[Referral]:
    """Sent and not accepted within the receiver's stated response time."""
    return referrals.filter(status=ReferralStatus.SENT, respond_by__lt=now)


def referrals_sent_filtered(
    *, user, status: str = "", late: bool = False, booked_for=None, now=None
) -> QuerySet[Referral]:
    """Referrals sent, narrowed for the lists the home page's counts lead to: one status,
    those late for an answer, or direct bookings for a day (borough)."""
    referrals = referrals_sent_visible_to(user=user)
    if status in ReferralStatus.values:
        referrals = referrals.filter(status=status)
    if late:
        referrals = late_for_an_answer(referrals, now=now or timezone.now())
    if booked_for is not None:
        referrals = referrals.filter(payload__details__appointment_date=booked_for.isoformat())
    return referrals


def referrals_sent_by_status(*, user) -> list[tuple[str, str, int]]:
    """(status, label, count) of the partner's open referrals sent, in the lifecycle's
    order: one grouped query."""
    counts = dict(
        referrals_sent_visible_to(user=user)
        .exclude(status__in=ENDED)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [
        (status, label, counts.get(status, 0))
        for status, label in ReferralStatus.choices
        if status not in ENDED and status not in NOT_USED_YET
    ]

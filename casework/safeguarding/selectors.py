"""Reads of safeguarding cases, filtered in SQL to what the user may see."""

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from casework import policy as casework_policy
from casework.safeguarding import clock, policy
from casework.safeguarding.models import (
    CaseStatus,
    ClosureDecision,
    ClosureRequest,
    MonitoringAction,
    SafeguardingCase,
    SafeguardingSettings,
)
from casework.selectors import engagements_visible_to
from tenants.accounts import capabilities as cap
from tenants.accounts.models import AuditEntry, User

READ_ACTION = "safeguarding.read"


def cases_visible_to(*, user) -> QuerySet[SafeguardingCase]:
    cases = SafeguardingCase.objects.select_related(
        "engagement__contact", "engagement__programme", "owner"
    )
    if not user.is_authenticated or not user.is_active:
        return cases.none()
    if policy.is_dsl(user) or casework_policy.can_see_all_engagements(user):
        return cases
    return cases.filter(
        Q(owner=user) | Q(engagement__in=engagements_visible_to(user=user).values("pk"))
    )


def case_get(*, user, public_id) -> SafeguardingCase | None:
    try:
        return cases_visible_to(user=user).filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def cases_matching(*, user, query: str, limit: int = 20) -> list[SafeguardingCase]:
    """The header's search: a case number ("SG-00012", "12") or the child's name."""
    query = query.strip()
    if len(query) < 2:
        return []
    digits = query.upper().removeprefix("SG-").removeprefix("SG").lstrip("0")
    match = Q(engagement__contact__search_name__icontains=query) | Q(
        engagement__contact__client_id__iexact=query
    )
    if digits.isdigit() and len(digits) < 10:
        match |= Q(number=int(digits))
    return list(cases_visible_to(user=user).filter(match).order_by("-number")[:limit])


def cases_of_engagement(*, user, engagement) -> QuerySet[SafeguardingCase]:
    return cases_visible_to(user=user).filter(engagement=engagement)


def my_cases(*, user, status: str = "open") -> QuerySet[SafeguardingCase]:
    """ "open" includes those waiting for a closure decision; "due" is those due for
    update or overdue (the monitoring clock's own rule)."""
    cases = cases_visible_to(user=user).filter(owner=user)
    return _by_status(cases, status)


def _by_status(cases, status):
    if status == "due":
        by = clock.due_for_update_by(timezone.localdate())
        return cases.filter(status=CaseStatus.OPEN, next_update_due__lte=by).order_by(
            "next_update_due", "-number"
        )
    if status == "open":
        return cases.exclude(status=CaseStatus.CLOSED).order_by("next_update_due", "-number")
    if status == "closed":
        return cases.filter(status=CaseStatus.CLOSED).order_by("-closed_on", "-number")
    return cases


def all_cases(*, user, status: str = "open") -> QuerySet[SafeguardingCase]:
    """Managers' and DSLs' list: every case they may see."""
    return _by_status(cases_visible_to(user=user), status)


def closure_history(*, case) -> QuerySet[ClosureRequest]:
    return (
        case.closure_requests.select_related("submitted_by", "approver", "decision__decided_by")
        .prefetch_related("decision__corrections")
        .order_by("-submitted_at", "-id")
    )


def monitoring_actions(*, case) -> QuerySet[MonitoringAction]:
    """A case's monitoring actions, newest first, each with its corrections."""
    return case.actions.prefetch_related("corrections")


def monitoring_action_get(*, user, public_id) -> MonitoringAction | None:
    """A monitoring action of a case the user may see."""
    visible = MonitoringAction.objects.filter(case__in=cases_visible_to(user=user).values("pk"))
    try:
        return visible.select_related("case").filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def closure_decision_get(*, user, public_id) -> ClosureDecision | None:
    """A closure decision on a case the user may see."""
    visible = ClosureDecision.objects.filter(
        request__case__in=cases_visible_to(user=user).values("pk")
    )
    try:
        return (
            visible.select_related("request__case", "decided_by")
            .filter(public_id=public_id)
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        return None


def closure_request_get(*, user, public_id) -> ClosureRequest | None:
    """A closure request on a case the user may see."""
    visible = ClosureRequest.objects.filter(case__in=cases_visible_to(user=user).values("pk"))
    try:
        return visible.select_related("case").filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def pending_request(*, case) -> ClosureRequest | None:
    return (
        case.closure_requests.filter(decision__isnull=True)
        .select_related("submitted_by", "approver")
        .first()
    )


def requests_awaiting(*, user) -> QuerySet[ClosureRequest]:
    """Closure requests sent to this user and not yet decided."""
    if not policy.can_approve_closures(user):
        return ClosureRequest.objects.none()
    return (
        ClosureRequest.objects.filter(approver=user, decision__isnull=True)
        .select_related("case__engagement__contact", "submitted_by")
        .order_by("submitted_at")
    )


def approver_choices(*, submitter) -> QuerySet[User]:
    """Managers and DSLs of this partner, never the submitter."""
    perm = Q(
        groups__permissions__codename="approve_safeguarding_closure",
        groups__permissions__content_type__app_label=cap.APP,
    ) | Q(
        user_permissions__codename="approve_safeguarding_closure",
        user_permissions__content_type__app_label=cap.APP,
    )
    return (
        User.objects.filter(perm, is_active=True)
        .exclude(pk=submitter.pk)
        .distinct()
        .order_by("full_name", "username")
    )


def dsls() -> QuerySet[User]:
    perm = Q(
        groups__permissions__codename="notify_local_authority",
        groups__permissions__content_type__app_label=cap.APP,
    ) | Q(
        user_permissions__codename="notify_local_authority",
        user_permissions__content_type__app_label=cap.APP,
    )
    return User.objects.filter(perm, is_active=True).distinct()


def case_reads(*, user, case) -> QuerySet[AuditEntry]:
    """Who opened the case and when: for managers and DSLs."""
    if not policy.can_review_reads(user):
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(target_public_id=case.public_id, action=READ_ACTION)


def safeguarding_settings() -> SafeguardingSettings:
    return SafeguardingSettings.objects.get_or_create(pk=1)[0]


def cases_due_by(*, day) -> QuerySet[SafeguardingCase]:
    """For the daily sweep (no user: the platform's own job): open cases whose next
    update is due by `day`."""
    return SafeguardingCase.objects.filter(
        status=CaseStatus.OPEN, next_update_due__isnull=False, next_update_due__lte=day
    ).select_related("owner__line_manager")


def case_history(*, case, page=1):
    """A page of every change to the case itself (status, threshold, the local authority
    notification, …), newest first. The caller has already checked the case is visible
    and recorded the read: the history shows the case's narrative too."""
    from casework.history import events_page, history_of
    from casework.safeguarding.models import SafeguardingCaseEvent

    return events_page(
        history_of(SafeguardingCaseEvent, tracks=case),
        number=page,
        hide=("engagement", "next_update_due"),
    )

"""The home page's panels, in one place. Each panel names the capabilities it needs
(declared once in tenants.accounts.capabilities) and the kinds of partner whose work it
is; its figures come from selectors in the app that owns the records, scoped to what
the user may see and filtered in SQL. A partner-specific role gets the panels its
capabilities open. Each panel costs a fixed number of queries, however many rows."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from casework import charts, dashboard
from casework.events import selectors as calendar
from casework.incidents import selectors as incidents
from casework.plans import selectors as plans
from casework.policy import can_see_all_engagements
from casework.safeguarding import selectors as safeguarding
from casework.selectors import consent_reviews_due
from casework.worklist import selectors as worklist
from cms import selectors_review as manual_review
from customers import selectors_queues as customer_queues
from privacy.dashboard import data_protection_waiting
from referrals import selectors as referral_selectors
from referrals import selectors_queues as referral_queues
from referrals.models import ReferralStatus
from tenants.accounts import capabilities as cap
from tenants.accounts.models import User
from tenants.accounts.selectors import api_tokens_visible_to, users_visible_to
from workspace import selectors as problems
from workspace.menu import BO, EVERY_KIND, FC, PR, RECEIVERS, SL

LIST_LIMIT = 5
INCIDENT_DAYS = timedelta(days=14)


@dataclass(frozen=True)
class Seen:
    """Who is looking, and when."""

    user: User
    partner: object
    today: date
    now: datetime


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    template: str
    build: Callable[[Seen], dict]
    # The user needs every one of these, and at least one of any_of (when given).
    needs: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    kinds: tuple[str, ...] = EVERY_KIND
    wide: bool = False

    def offered_to(self, user, partner) -> bool:
        if partner.kind not in self.kinds:
            return False
        if not all(user.has_perm(perm) for perm in self.needs):
            return False
        return not self.any_of or any(user.has_perm(perm) for perm in self.any_of)


@dataclass
class Shown:
    panel: Panel
    context: dict = field(default_factory=dict)


# --- Family centres ------------------------------------------------------------------


def _casework(seen: Seen) -> dict:
    weeks = dashboard.deliveries_per_week(user=seen.user, today=seen.today)
    return {
        "my_engagements": list(dashboard.my_open_engagements(user=seen.user)),
        "my_sessions": list(dashboard.my_recent_sessions(user=seen.user)),
        "follow_ups": dashboard.follow_ups(user=seen.user, today=seen.today),
        "weeks": weeks,
        "chart": charts.weekly_bars(weeks),
    }


def _events_today(seen: Seen) -> dict:
    return {"events": list(calendar.events_today(user=seen.user, day=seen.today))}


def _group_sessions(seen: Seen) -> dict:
    return {"sessions": list(dashboard.group_sessions_on(user=seen.user, day=seen.today))}


def _incidents(seen: Seen) -> dict:
    """Managers and DSLs: the last fortnight's incidents, the most serious first."""
    recent = incidents.incidents_recent_for_home(user=seen.user, since=seen.now - INCIDENT_DAYS)
    return {"incidents": list(recent[:LIST_LIMIT])}


def _safeguarding(seen: Seen) -> dict:
    return {"due": safeguarding.my_cases(user=seen.user, status="due").count()}


# --- Support line ----------------------------------------------------------------------


def _calls(seen: Seen) -> dict:
    returned = referral_queues.case_list(user=seen.user, show="returned")
    return {
        "open_count": referral_queues.case_list(user=seen.user, show="mine").count(),
        "returned": list(returned[:LIST_LIMIT]),
        "returned_count": returned.count(),
        "spoken_today": referral_queues.callers_spoken_to(user=seen.user, day=seen.today).count(),
    }


def _review(seen: Seen) -> dict:
    queue = referral_selectors.review_queue(user=seen.user)
    oldest = list(queue[:LIST_LIMIT])
    for case in oldest:
        case.waiting = seen.now - case.ready_at if case.ready_at else None
    return {"count": queue.count(), "oldest": oldest}


def _sent(seen: Seen) -> dict:
    return {
        "by_status": referral_queues.referrals_sent_by_status(user=seen.user),
        "late": referral_queues.referrals_sent_filtered(
            user=seen.user, late=True, now=seen.now
        ).count(),
    }


def _supervision(seen: Seen) -> dict:
    safeguarding_cases = referral_queues.case_list(user=seen.user, show="safeguarding")
    lawful = referral_queues.case_list(user=seen.user, show="lawful-basis")
    return {
        "safeguarding": list(safeguarding_cases[:LIST_LIMIT]),
        "safeguarding_count": safeguarding_cases.count(),
        "lawful": list(lawful[:LIST_LIMIT]),
        "lawful_count": lawful.count(),
    }


# --- Boroughs --------------------------------------------------------------------------


def _customers(seen: Seen) -> dict:
    customers = customer_queues.customers_with_open_journey(user=seen.user)
    return {"customers": list(customers[:LIST_LIMIT]), "count": customers.count()}


def _borough_referrals(seen: Seen) -> dict:
    return {
        "waiting": referral_queues.referrals_sent_filtered(
            user=seen.user, status=ReferralStatus.SENT
        ).count(),
        "booked_today": referral_queues.referrals_sent_filtered(
            user=seen.user, booked_for=seen.today
        ).count(),
    }


# --- Providers -------------------------------------------------------------------------


def _appointments(seen: Seen) -> dict:
    """An adviser's own work; a manager's whole team, by adviser."""
    team = can_see_all_engagements(seen.user)
    today = customer_queues.appointments_queue(
        user=seen.user, show="today", today=seen.today, mine=not team
    )
    return {
        "team": team,
        "today": list(today[:20]),
        "today_count": today.count(),
        "missing_count": customer_queues.appointments_queue(
            user=seen.user, show="missing", today=seen.today, mine=not team
        ).count(),
        "waiting_count": customer_queues.referrals_waiting_for_booking(user=seen.user).count(),
        "steps": customer_queues.caseload_latest_steps(user=seen.user, mine=not team),
        "by_adviser": (
            customer_queues.team_by_adviser(user=seen.user, today=seen.today) if team else []
        ),
    }


def _inbox(seen: Seen) -> dict:
    waiting = referral_selectors.inbox_visible_to(user=seen.user).filter(status=ReferralStatus.SENT)
    return {"count": waiting.count()}


# --- Everyone, champions, editors, integrators -----------------------------------------


def _plans(seen: Seen) -> dict:
    actions = list(plans.my_overdue_actions(user=seen.user, today=seen.today)[: LIST_LIMIT + 1])
    reviews = list(plans.my_overdue_reviews(user=seen.user, today=seen.today)[: LIST_LIMIT + 1])
    approvals = list(plans.approvals_waiting_for(user=seen.user)[: LIST_LIMIT + 1])
    return {
        "actions": actions[:LIST_LIMIT],
        "reviews": reviews[:LIST_LIMIT],
        "approvals": approvals[:LIST_LIMIT],
        "more": max(len(actions), len(reviews), len(approvals)) > LIST_LIMIT,
        "limit": LIST_LIMIT,
    }


def _consent_reviews(seen: Seen) -> dict:
    """Consent of the people this user looks after, due for review within 30 days or
    expired (a new referral is refused until it is recorded again)."""
    due = list(consent_reviews_due(user=seen.user, today=seen.today)[: LIST_LIMIT + 1])
    for contact in due:
        contact.review_expired = contact.consent_review_on < seen.today
    return {
        "due": due[:LIST_LIMIT],
        "more": len(due) > LIST_LIMIT,
        "callers": seen.partner.kind == SL,
    }


def _data_protection(seen: Seen) -> dict:
    return data_protection_waiting(user=seen.user, partner=seen.partner)


def _tasks(seen: Seen) -> dict:
    return {"open_tasks": worklist.tasks_open_for(user=seen.user)}


def _manual_approvals(seen: Seen) -> dict:
    waiting = manual_review.changes_awaiting_approval_by(user=seen.user)
    return {"changes": list(waiting[:LIST_LIMIT]), "count": waiting.count()}


def _manual_editor(seen: Seen) -> dict:
    mine = manual_review.my_changes_awaiting_approval(user=seen.user)
    return {"changes": list(mine[:LIST_LIMIT]), "count": mine.count()}


def _champion(seen: Seen) -> dict:
    waiting = problems.problems_to_handle(user=seen.user)
    return {
        "active_users": users_visible_to(actor=seen.user, partner=seen.partner)
        .filter(is_active=True)
        .count(),
        "problems": list(waiting[:LIST_LIMIT]),
        "problems_count": waiting.count(),
        "tokens": (
            api_tokens_visible_to(actor=seen.user)
            .filter(revoked_at__isnull=True, expires_at__gt=seen.now)
            .count()
            if seen.user.has_perm(cap.MANAGE_API_TOKENS)
            else None
        ),
    }


def _my_problems(seen: Seen) -> dict:
    mine = problems.problems_reported_by(user=seen.user)
    return {"reports": list(mine[:LIST_LIMIT])}


def _nothing(seen: Seen) -> dict:
    return {}


PANELS = (
    Panel(
        "find-caller",
        "Find or add a caller",
        "workspace/panels/find_caller.html",
        _nothing,
        (cap.HANDLE_CALLS,),
        kinds=(SL,),
        wide=True,
    ),
    Panel(
        "find-customer",
        "Find or add a customer",
        "workspace/panels/find_customer.html",
        _nothing,
        (cap.REFER_CUSTOMERS,),
        kinds=(BO,),
        wide=True,
    ),
    Panel(
        "casework",
        "",
        "workspace/panels/casework.html",
        _casework,
        (cap.RECORD_CASEWORK,),
        kinds=(FC,),
        wide=True,
    ),
    Panel(
        "calls",
        "My calls and cases",
        "workspace/panels/calls.html",
        _calls,
        (cap.HANDLE_CALLS,),
        kinds=(SL,),
    ),
    Panel(
        "review",
        "Cases to review",
        "workspace/panels/review.html",
        _review,
        (cap.REVIEW_REFERRALS,),
        kinds=(SL,),
    ),
    Panel(
        "sent",
        "Referrals sent",
        "workspace/panels/sent.html",
        _sent,
        (cap.REVIEW_REFERRALS,),
        kinds=(SL,),
    ),
    Panel(
        "supervision",
        "Safeguarding and lawful basis",
        "workspace/panels/supervision.html",
        _supervision,
        (cap.HANDLE_CALLS, cap.SET_LAWFUL_BASIS),
        kinds=(SL,),
    ),
    Panel(
        "customers",
        "My customers with an open referral",
        "workspace/panels/customers.html",
        _customers,
        (cap.REFER_CUSTOMERS,),
        kinds=(BO,),
    ),
    Panel(
        "borough-referrals",
        "Referrals to providers",
        "workspace/panels/borough_referrals.html",
        _borough_referrals,
        (cap.REFER_CUSTOMERS,),
        kinds=(BO,),
    ),
    Panel(
        "appointments",
        "Appointments and caseload",
        "workspace/panels/appointments.html",
        _appointments,
        (cap.RECORD_OUTCOMES,),
        kinds=(PR,),
        wide=True,
    ),
    Panel(
        "events-today",
        "Today's events",
        "workspace/panels/events_today.html",
        _events_today,
        (cap.RECORD_CASEWORK,),
    ),
    Panel(
        "group-sessions",
        "Today's group sessions",
        "workspace/panels/group_sessions.html",
        _group_sessions,
        (cap.RECORD_CASEWORK,),
        kinds=(FC,),
    ),
    Panel(
        "incidents",
        "Recent incidents",
        "incidents/_home_panel.html",
        _incidents,
        (cap.RECORD_CASEWORK,),
        any_of=(cap.VIEW_ALL_CASEWORK, cap.NOTIFY_LOCAL_AUTHORITY),
        kinds=(FC,),
    ),
    Panel(
        "safeguarding",
        "",
        "workspace/panels/safeguarding.html",
        _safeguarding,
        (cap.RECORD_CASEWORK,),
        kinds=(FC,),
    ),
    Panel(
        "inbox",
        "Referrals received",
        "workspace/panels/inbox.html",
        _inbox,
        (cap.RECORD_CASEWORK,),
        kinds=RECEIVERS,
    ),
    Panel(
        "plans",
        "Case plans",
        "workspace/panels/plans.html",
        _plans,
        (cap.RECORD_CASEWORK,),
        kinds=(FC,),  # where the menu offers engagements, which plans are in
    ),
    Panel(
        "consent-reviews",
        "Consent to review",
        "workspace/panels/consent_reviews.html",
        _consent_reviews,
        any_of=(cap.RECORD_CASEWORK, cap.HANDLE_CALLS),
    ),
    Panel(
        "data-protection",
        "Data protection",
        "workspace/panels/data_protection.html",
        _data_protection,
        (cap.PROTECT_DATA,),
    ),
    Panel("tasks", "", "workspace/panels/tasks.html", _tasks),
    Panel(
        "manual-approvals",
        "Manual changes to approve",
        "workspace/panels/manual_approvals.html",
        _manual_approvals,
        (cap.APPROVE_MANUAL,),
    ),
    Panel(
        "manual-editor",
        "The manual",
        "workspace/panels/manual_editor.html",
        _manual_editor,
        (cap.EDIT_MANUAL,),
    ),
    Panel(
        "champion",
        "Your colleagues",
        "workspace/panels/champion.html",
        _champion,
        (cap.MANAGE_USERS,),
    ),
    Panel(
        "integrator",
        "The GraphQL API",
        "workspace/panels/integrator.html",
        _nothing,
        (cap.USE_API,),
    ),
    Panel(
        "my-problems", "Problems you reported", "workspace/panels/my_problems.html", _my_problems
    ),
)


def panels_for(*, user, partner) -> list[Panel]:
    """The panels this user's role opens at this partner, in page order."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    return [panel for panel in PANELS if panel.offered_to(user, partner)]


def home_panels(*, user, partner, now: datetime | None = None) -> list[Shown]:
    now = now or timezone.now()
    seen = Seen(user=user, partner=partner, today=timezone.localdate(now), now=now)
    return [Shown(panel, panel.build(seen)) for panel in panels_for(user=user, partner=partner)]

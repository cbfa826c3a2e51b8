"""What each home-page panel shows: one function per panel, given who is looking and
when (`Seen`), returning its template's context from selectors in the app that owns the
records. Which panels a user gets, and in what order, is workspace.panels."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

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
from tenants.accounts import policy as accounts_policy
from tenants.accounts.models import User
from tenants.accounts.selectors import api_tokens_visible_to, users_visible_to
from workspace import selectors as problems
from workspace.menu import SL

LIST_LIMIT = 5
INCIDENT_DAYS = timedelta(days=14)


@dataclass(frozen=True)
class Seen:
    """Who is looking, and when."""

    user: User
    partner: object
    today: date
    now: datetime


# --- Family centres ------------------------------------------------------------------


def casework_context(seen: Seen) -> dict:
    weeks = dashboard.deliveries_per_week(user=seen.user, today=seen.today)
    return {
        "my_engagements": list(dashboard.my_open_engagements(user=seen.user)),
        "my_sessions": list(dashboard.my_recent_sessions(user=seen.user)),
        "follow_ups": dashboard.follow_ups(user=seen.user, today=seen.today),
        "weeks": weeks,
        "chart": charts.weekly_bars(weeks),
    }


def events_today_context(seen: Seen) -> dict:
    return {"events": list(calendar.events_today(user=seen.user, day=seen.today))}


def group_sessions_context(seen: Seen) -> dict:
    return {"sessions": list(dashboard.group_sessions_on(user=seen.user, day=seen.today))}


def incidents_context(seen: Seen) -> dict:
    """Managers and DSLs: the last fortnight's incidents, the most serious first."""
    recent = incidents.incidents_recent_for_home(user=seen.user, since=seen.now - INCIDENT_DAYS)
    return {"incidents": list(recent[:LIST_LIMIT])}


def safeguarding_context(seen: Seen) -> dict:
    return {"due": safeguarding.my_cases(user=seen.user, status="due").count()}


# --- Support line ----------------------------------------------------------------------


def calls_context(seen: Seen) -> dict:
    returned = referral_queues.case_list(user=seen.user, show="returned")
    return {
        "open_count": referral_queues.case_list(user=seen.user, show="mine").count(),
        "returned": list(returned[:LIST_LIMIT]),
        "returned_count": returned.count(),
        "spoken_today": referral_queues.callers_spoken_to(user=seen.user, day=seen.today).count(),
    }


def review_context(seen: Seen) -> dict:
    queue = referral_selectors.review_queue(user=seen.user)
    oldest = list(queue[:LIST_LIMIT])
    for case in oldest:
        case.waiting = seen.now - case.ready_at if case.ready_at else None
    return {"count": queue.count(), "oldest": oldest}


def sent_context(seen: Seen) -> dict:
    return {
        "by_status": referral_queues.referrals_sent_by_status(user=seen.user),
        "late": referral_queues.referrals_sent_filtered(
            user=seen.user, late=True, now=seen.now
        ).count(),
    }


def supervision_context(seen: Seen) -> dict:
    safeguarding_cases = referral_queues.case_list(user=seen.user, show="safeguarding")
    lawful = referral_queues.case_list(user=seen.user, show="lawful-basis")
    return {
        "safeguarding": list(safeguarding_cases[:LIST_LIMIT]),
        "safeguarding_count": safeguarding_cases.count(),
        "lawful": list(lawful[:LIST_LIMIT]),
        "lawful_count": lawful.count(),
    }


# --- Boroughs --------------------------------------------------------------------------


def customers_context(seen: Seen) -> dict:
    customers = customer_queues.customers_with_open_journey(user=seen.user)
    return {"customers": list(customers[:LIST_LIMIT]), "count": customers.count()}


def borough_referrals_context(seen: Seen) -> dict:
    return {
        "waiting": referral_queues.referrals_sent_filtered(
            user=seen.user, status=ReferralStatus.SENT
        ).count(),
        "booked_today": referral_queues.referrals_sent_filtered(
            user=seen.user, booked_for=seen.today
        ).count(),
    }


# --- Providers -------------------------------------------------------------------------


def appointments_context(seen: Seen) -> dict:
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


def inbox_context(seen: Seen) -> dict:
    waiting = referral_selectors.inbox_visible_to(user=seen.user).filter(status=ReferralStatus.SENT)
    return {"count": waiting.count()}


# --- Everyone, champions, editors, integrators -----------------------------------------


def plans_context(seen: Seen) -> dict:
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


def consent_reviews_context(seen: Seen) -> dict:
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


def data_protection_context(seen: Seen) -> dict:
    return data_protection_waiting(user=seen.user, partner=seen.partner)


def tasks_context(seen: Seen) -> dict:
    return {"open_tasks": worklist.tasks_open_for(user=seen.user)}


def manual_approvals_context(seen: Seen) -> dict:
    waiting = manual_review.changes_awaiting_approval_by(user=seen.user)
    return {"changes": list(waiting[:LIST_LIMIT]), "count": waiting.count()}


def manual_editor_context(seen: Seen) -> dict:
    mine = manual_review.my_changes_awaiting_approval(user=seen.user)
    return {"changes": list(mine[:LIST_LIMIT]), "count": mine.count()}


def champion_context(seen: Seen) -> dict:
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
            if accounts_policy.can_manage_api_tokens(accounts_policy.actor_scope(seen.user))
            else None
        ),
    }


def my_problems_context(seen: Seen) -> dict:
    mine = problems.problems_reported_by(user=seen.user)
    return {"reports": list(mine[:LIST_LIMIT])}


def no_context(seen: Seen) -> dict:
    return {}

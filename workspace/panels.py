"""The home page's panels, in one place. Each panel names the capabilities it needs
(declared once in tenants.accounts.capabilities) and the kinds of partner whose work it
is; its figures come from selectors in the app that owns the records, scoped to what
the user may see and filtered in SQL. A partner-specific role gets the panels its
capabilities open. Each panel costs a fixed number of queries, however many rows."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from tenants.accounts import capabilities as cap
from workspace import panel_contents as contents
from workspace.menu import BO, EVERY_KIND, FC, PR, RECEIVERS, SL
from workspace.panel_contents import Seen


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


PANELS = (
    Panel(
        "find-caller",
        "Find or add a caller",
        "workspace/panels/find_caller.html",
        contents.no_context,
        (cap.HANDLE_CALLS,),
        kinds=(SL,),
        wide=True,
    ),
    Panel(
        "find-customer",
        "Find or add a customer",
        "workspace/panels/find_customer.html",
        contents.no_context,
        (cap.REFER_CUSTOMERS,),
        kinds=(BO,),
        wide=True,
    ),
    Panel(
        "casework",
        "",
        "workspace/panels/casework.html",
        contents.casework_context,
        (cap.RECORD_CASEWORK,),
        kinds=(FC,),
        wide=True,
    ),
    Panel(
        "calls",
        "My calls and cases",
        "workspace/panels/calls.html",
        contents.calls_context,
        (cap.HANDLE_CALLS,),
        kinds=(SL,),
    ),
    Panel(
        "review",
        "Cases to review",
        "workspace/panels/review.html",
        contents.review_context,
        (cap.REVIEW_REFERRALS,),
        kinds=(SL,),
    ),
    Panel(
        "sent",
        "Referrals sent",
        "workspace/panels/sent.html",
        contents.sent_context,
        (cap.REVIEW_REFERRALS,),
        kinds=(SL,),
    ),
    Panel(
        "supervision",
        "Safeguarding and lawful basis",
        "workspace/panels/supervision.html",
        contents.supervision_context,
        (cap.HANDLE_CALLS, cap.SET_LAWFUL_BASIS),
        kinds=(SL,),
    ),
    Panel(
        "customers",
        "My customers with an open referral",
        "workspace/panels/customers.html",
        contents.customers_context,
        (cap.REFER_CUSTOMERS,),
        kinds=(BO,),
    ),
    Panel(
        "borough-referrals",
        "Referrals to providers",
        "workspace/panels/borough_referrals.html",
        contents.borough_referrals_context,
        (cap.REFER_CUSTOMERS,),
        kinds=(BO,),
    ),
    Panel(
        "appointments",
        "Appointments and caseload",
        "workspace/panels/appointments.html",
        contents.appointments_context,
        (cap.RECORD_OUTCOMES,),
        kinds=(PR,),
        wide=True,
    ),
    Panel(
        "events-today",
        "Today's events",
        "workspace/panels/events_today.html",
        contents.events_today_context,
        (cap.RECORD_CASEWORK,),
    ),
    Panel(
        "group-sessions",
        "Today's group sessions",
        "workspace/panels/group_sessions.html",
        contents.group_sessions_context,
        (cap.RECORD_CASEWORK,),
        kinds=(FC,),
    ),
    Panel(
        "incidents",
        "Recent incidents",
        "incidents/_home_panel.html",
        contents.incidents_context,
        (cap.RECORD_CASEWORK,),
        any_of=(cap.VIEW_ALL_CASEWORK, cap.NOTIFY_LOCAL_AUTHORITY),
        kinds=(FC,),
    ),
    Panel(
        "safeguarding",
        "",
        "workspace/panels/safeguarding.html",
        contents.safeguarding_context,
        (cap.RECORD_CASEWORK,),
        kinds=(FC,),
    ),
    Panel(
        "inbox",
        "Referrals received",
        "workspace/panels/inbox.html",
        contents.inbox_context,
        (cap.RECORD_CASEWORK,),
        kinds=RECEIVERS,
    ),
    Panel(
        "plans",
        "Case plans",
        "workspace/panels/plans.html",
        contents.plans_context,
        (cap.RECORD_CASEWORK,),
        kinds=(FC,),  # where the menu offers engagements, which plans are in
    ),
    Panel(
        "consent-reviews",
        "Consent to review",
        "workspace/panels/consent_reviews.html",
        contents.consent_reviews_context,
        any_of=(cap.RECORD_CASEWORK, cap.HANDLE_CALLS),
    ),
    Panel(
        "data-protection",
        "Data protection",
        "workspace/panels/data_protection.html",
        contents.data_protection_context,
        (cap.PROTECT_DATA,),
    ),
    Panel("tasks", "", "workspace/panels/tasks.html", contents.tasks_context),
    Panel(
        "manual-approvals",
        "Manual changes to approve",
        "workspace/panels/manual_approvals.html",
        contents.manual_approvals_context,
        (cap.APPROVE_MANUAL,),
    ),
    Panel(
        "manual-editor",
        "The manual",
        "workspace/panels/manual_editor.html",
        contents.manual_editor_context,
        (cap.EDIT_MANUAL,),
    ),
    Panel(
        "champion",
        "Your colleagues",
        "workspace/panels/champion.html",
        contents.champion_context,
        (cap.MANAGE_USERS,),
    ),
    Panel(
        "integrator",
        "The GraphQL API",
        "workspace/panels/integrator.html",
        contents.no_context,
        (cap.USE_API,),
    ),
    Panel(
        "my-problems",
        "Problems you reported",
        "workspace/panels/my_problems.html",
        contents.my_problems_context,
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

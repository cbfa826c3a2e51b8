"""The daily sweep in one partner: reminders before an update is due, notices when
it is overdue, escalation to the line manager and DSLs when it stays overdue.
Worked out from the cases' state each time and sent with dedupe keys, so running
it twice, late, or again after a killed worker sends each notice exactly once."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from casework.safeguarding import clock, selectors
from casework.safeguarding.services.cases import case_url
from casework.worklist.services import notification_send


@dataclass
class SweepResult:
    cases: int = 0
    sent: int = 0
    skipped: int = 0  # already sent before (dedupe key used)
    kinds: dict = field(default_factory=dict)


def reminders_sweep(*, today: date | None = None) -> SweepResult:
    today = today or timezone.localdate()
    escalation_days = selectors.safeguarding_settings().escalation_days
    result = SweepResult()
    dsls = None
    for case in selectors.cases_due_by(day=today + timedelta(days=1)).iterator():
        result.cases += 1
        due = case.next_update_due
        for notice in clock.notices_due(due=due, today=today, escalation_days=escalation_days):
            key = f"case:{case.public_id}:{notice.kind}:{due.isoformat()}"
            if notice.kind == "escalation":
                if dsls is None:
                    dsls = list(selectors.dsls())
                recipients = {u.pk: u for u in dsls}
                if case.owner.line_manager_id:
                    recipients[case.owner.line_manager_id] = case.owner.line_manager
                recipients.pop(case.owner_id, None)
            else:
                recipients = {case.owner_id: case.owner}
            for recipient in recipients.values():
                sent = notification_send(
                    recipient=recipient,
                    dedupe_key=key,
                    link_url=case_url(case),
                    **_message(case, notice, due),
                )
                if sent is None:
                    result.skipped += 1
                else:
                    result.sent += 1
                    result.kinds[notice.kind] = result.kinds.get(notice.kind, 0) + 1
    return result


def _message(case, notice, due) -> dict:
    # Emails leave the platform: the case reference only, never the child's name.
    when = f"{due:%-d %B %Y}"
    if notice.kind == "reminder":
        return {
            "title": f"Safeguarding case {case.reference}: update due {when}",
            "body": "Add a monitoring action by then.",
        }
    days = f"{notice.days_overdue} day{'s' if notice.days_overdue != 1 else ''}"
    if notice.kind == "overdue":
        return {
            "title": f"Safeguarding case {case.reference}: update overdue",
            "body": f"The update was due on {when} ({days} ago). Add a monitoring action now.",
        }
    return {
        "title": f"Safeguarding case {case.reference}: update overdue by {days}",
        "body": (
            f"The case owner, {case.owner.get_full_name()}, has not added the update due on "
            f"{when}. You are told as their line manager or a safeguarding lead."
        ),
    }

"""The monitoring clock: pure arithmetic, then the stored due date as the case moves
(frozen time: monitoring actions, threshold change, pause and restart)."""

from datetime import date

import time_machine

from casework.safeguarding import clock
from casework.safeguarding.services.cases import case_change_threshold, monitoring_action_add
from casework.safeguarding.services.closure import closure_request_decide, closure_request_submit
from tests.casework.safeguarding.helpers import raise_concern


def test_update_due_within_7_days_for_high_and_21_for_low():
    opened = date(2026, 1, 30)
    assert clock.next_update_due(threshold="high", started_on=opened) == date(2026, 2, 6)
    assert clock.next_update_due(threshold="low", started_on=opened) == date(2026, 2, 20)
    assert clock.next_update_due(threshold="high", started_on=opened, paused=True) is None


def test_notices_before_on_and_after_the_due_date():
    due = date(2026, 5, 10)

    def kinds(day):
        return [n.kind for n in clock.notices_due(due=due, today=day, escalation_days=3)]

    assert kinds(date(2026, 5, 8)) == []
    assert kinds(date(2026, 5, 9)) == ["reminder"]  # due tomorrow
    assert kinds(date(2026, 5, 10)) == ["reminder"]  # a missed run still reminds
    assert kinds(date(2026, 5, 11)) == ["overdue"]
    assert kinds(date(2026, 5, 13)) == ["overdue"]  # 3 days: not more than 3
    assert kinds(date(2026, 5, 14)) == ["overdue", "escalation"]
    assert clock.notices_due(due=None, today=due, escalation_days=3) == []
    assert clock.state(due=due, today=date(2026, 5, 9)) == "due"
    assert clock.state(due=due, today=date(2026, 5, 11)) == "overdue"
    assert clock.state(due=due, today=date(2026, 5, 1)) == "ok"
    assert clock.state(due=None, today=due) == "paused"


def test_the_stored_clock_through_a_cases_life(world):
    with time_machine.travel(date(2026, 3, 2), tick=False) as traveller:
        world.engagement.start_date = date(2026, 1, 1)
        world.engagement.save(update_fields=["start_date"])
        case = raise_concern(world.owner, world.engagement, threshold="high")
        assert case.opened_on == date(2026, 3, 2)
        assert case.next_update_due == date(2026, 3, 9)

        traveller.move_to(date(2026, 3, 5))
        monitoring_action_add(
            actor=world.owner, case=case, actions_taken="Met mum", taken_by="Me", rationale="R"
        )
        case.refresh_from_db()
        assert case.next_update_due == date(2026, 3, 12)  # restarted from the action

        traveller.move_to(date(2026, 3, 6))
        case = case_change_threshold(actor=world.owner, case=case, threshold="low")
        assert case.next_update_due == date(2026, 3, 26)  # same start, 21 days

        request = closure_request_submit(
            actor=world.owner, case=case, approver=world.manager, comment="All done"
        )
        case.refresh_from_db()
        assert case.next_update_due is None  # paused while pending
        monitoring_action_add(
            actor=world.owner, case=case, actions_taken="Call", taken_by="Me", rationale="R"
        )
        case.refresh_from_db()
        assert case.next_update_due is None  # still paused
        case = case_change_threshold(actor=world.owner, case=case, threshold="high")
        assert case.next_update_due is None

        traveller.move_to(date(2026, 3, 10))
        closure_request_decide(
            actor=world.manager, request=request, approve=False, comment="Not yet"
        )
        case.refresh_from_db()
        assert case.next_update_due == date(2026, 3, 17)  # restarted on rejection, High

"""The monitoring clock, in one place. Pure functions of dates: the services store
what they return (so lists and the daily sweep filter in SQL) and the tests freeze
time around them."""

from dataclasses import dataclass
from datetime import date, timedelta

HIGH, LOW = "high", "low"
UPDATE_WITHIN_DAYS = {HIGH: 7, LOW: 21}


def update_within_days(threshold: str) -> int:
    return UPDATE_WITHIN_DAYS[threshold]


def next_update_due(*, threshold: str, started_on: date, paused: bool = False) -> date | None:
    """Due `update_within_days` after the clock last (re)started: the opening, the last
    monitoring action or a rejected closure request. None while a closure request is
    pending (the clock is paused) or the case is closed."""
    if paused:
        return None
    return started_on + timedelta(days=update_within_days(threshold))


@dataclass(frozen=True)
class Notice:
    kind: str  # "reminder" (due today or tomorrow), "overdue", "escalation"
    days_overdue: int = 0


def notices_due(*, due: date | None, today: date, escalation_days: int) -> list[Notice]:
    """What the daily sweep owes a case on `today`. Computed from state alone, so a
    missed or repeated run still gives each notice (its dedupe key makes it once)."""
    if due is None:
        return []
    late = (today - due).days
    if late < -1:
        return []
    if late <= 0:  # due tomorrow, or today if yesterday's run was missed
        return [Notice("reminder")]
    notices = [Notice("overdue", late)]
    if late > escalation_days:
        notices.append(Notice("escalation", late))
    return notices


def due_for_update_by(today: date) -> date:
    """A case whose next update is due by this day is due for update (today or
    tomorrow) or overdue: what the lists and the home page call "due for update"."""
    return today + timedelta(days=1)


def state(*, due: date | None, today: date) -> str:
    """For lists: "paused" (no due date), "overdue", "due" (today or tomorrow) or "ok"."""
    if due is None:
        return "paused"
    if due < today:
        return "overdue"
    if due <= due_for_update_by(today):
        return "due"
    return "ok"

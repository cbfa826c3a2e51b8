"""The daily sweep, in-process with frozen time: reminder the day before, overdue
notice, escalation to the line manager and DSLs after N days; idempotent."""

from datetime import date

import time_machine
from django.core import mail

from casework.safeguarding import selectors
from casework.safeguarding.models import SafeguardingSettings
from casework.safeguarding.services.cases import monitoring_action_add
from casework.safeguarding.services.closure import closure_request_submit
from casework.safeguarding.services.reminders import reminders_sweep
from casework.worklist.models import Notification
from tests.casework.safeguarding.helpers import raise_concern

OPENED = date(2026, 6, 1)  # High: due 8 June


def titles(user):
    """What the sweep sent this person (not the notice of a new case)."""
    sent = Notification.objects.filter(recipient=user).exclude(
        title__startswith="New safeguarding case"
    )
    return sorted(sent.values_list("title", flat=True))


def setup_case(world):
    world.engagement.start_date = date(2026, 1, 1)
    world.engagement.save(update_fields=["start_date"])
    for user, address in ((world.owner, "owner@example.org"), (world.manager, "lm@example.org")):
        user.email = address
        user.save(update_fields=["email"])
    return raise_concern(world.owner, world.engagement, threshold="high", opened_on=OPENED)


def test_the_done_when_story(world, django_capture_on_commit_callbacks):
    """A High concern: reminded before day 7, the manager alerted when it is overdue."""
    with time_machine.travel(OPENED, tick=False):
        case = setup_case(world)
    ref = case.reference
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_sweep(today=date(2026, 6, 6)).sent == 0
        first = reminders_sweep(today=date(2026, 6, 7))  # due tomorrow
        again = reminders_sweep(today=date(2026, 6, 7))
    assert first.sent == 1 and again.sent == 0 and again.skipped == 1
    assert titles(world.owner) == [f"Safeguarding case {ref}: update due 8 June 2026"]
    assert [m.to for m in mail.outbox] == [["owner@example.org"]]
    assert world.child.last_name not in mail.outbox[0].body + mail.outbox[0].subject

    reminders_sweep(today=date(2026, 6, 9))  # overdue by 1
    assert f"Safeguarding case {ref}: update overdue" in titles(world.owner)
    assert titles(world.manager) == []
    reminders_sweep(today=date(2026, 6, 11))  # 3 days: not more than 3
    assert titles(world.manager) == []
    with django_capture_on_commit_callbacks(execute=True):
        result = reminders_sweep(today=date(2026, 6, 12))  # 4 days
        reminders_sweep(today=date(2026, 6, 12))
    escalation = f"Safeguarding case {ref}: update overdue by 4 days"
    # The owner's line manager and every DSL of the partner (the session's demo DSL too).
    expected = {world.manager.pk} | set(selectors.dsls().values_list("pk", flat=True))
    assert world.dsl.pk in expected and result.kinds == {"escalation": len(expected)}
    sent_to = Notification.objects.filter(title=escalation).values_list("recipient", flat=True)
    assert set(sent_to) == expected
    assert titles(world.manager) == [escalation]
    assert titles(world.dsl) == [escalation]
    assert "lm@example.org" in [m.to[0] for m in mail.outbox]
    assert len(titles(world.owner)) == 2  # the owner is not escalated to themselves


def test_a_monitoring_action_moves_the_reminders_on(world):
    with time_machine.travel(OPENED, tick=False):
        case = setup_case(world)
    with time_machine.travel(date(2026, 6, 5), tick=False):
        monitoring_action_add(
            actor=world.owner, case=case, actions_taken="Met", taken_by="Me", rationale="R"
        )
    assert reminders_sweep(today=date(2026, 6, 7)).cases == 0  # now due 12 June
    assert reminders_sweep(today=date(2026, 6, 11)).sent == 1


def test_a_paused_case_gets_no_reminders_and_the_setting_is_per_partner(world):
    with time_machine.travel(OPENED, tick=False):
        case = setup_case(world)
        other = raise_concern(world.owner, world.engagement, threshold="high", opened_on=OPENED)
        closure_request_submit(actor=world.owner, case=other, approver=world.manager, comment="x")
    SafeguardingSettings.objects.update(escalation_days=10)
    result = reminders_sweep(today=date(2026, 6, 14))  # 6 days overdue, under 10
    assert result.cases == 1 and result.kinds == {"overdue": 1}
    assert titles(world.dsl) == []
    assert case.reference in titles(world.owner)[0]


def test_a_run_killed_half_way_is_completed_by_the_rerun(world):
    """The task is acknowledged only after it ran (acks_late), so a killed worker's
    message is delivered again; the rerun sends only what the first had not."""
    from casework.safeguarding.tasks import safeguarding_reminders
    from casework.worklist.services import notification_send

    assert safeguarding_reminders.acks_late
    with time_machine.travel(OPENED, tick=False):
        case = setup_case(world)
    day = date(2026, 6, 12)  # overdue by 4: owner notice, then escalations
    # What the killed run managed before it died: the owner's notice only.
    notification_send(
        recipient=world.owner,
        title="sent before the crash",
        dedupe_key=f"case:{case.public_id}:overdue:{case.next_update_due}",
        email=False,
    )
    result = reminders_sweep(today=day)
    assert result.skipped == 1 and result.kinds.get("overdue") is None
    assert result.kinds["escalation"] >= 2
    assert titles(world.owner) == ["sent before the crash"]


def test_the_daily_beat_entry_fans_out_to_every_partner():
    from django.conf import settings

    from config.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["safeguarding-reminders"]
    assert entry["task"] in app.tasks
    assert "tenant_schemas" not in entry  # every active partner (PartnerAwareScheduler)
    assert entry["schedule"].hour == {7}


def test_the_sweep_in_the_platform_schema_does_nothing(db):
    from django.db import connection

    from casework.safeguarding.tasks import safeguarding_reminders

    connection.set_schema_to_public()
    assert safeguarding_reminders() == {}

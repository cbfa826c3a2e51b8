"""The demo family centre shows the issue's story: a High case due tomorrow, a Low case
overdue (the sweep escalates it to the line manager), and the line manager set."""

from datetime import timedelta

from django.utils import timezone

from casework.demo import casework_demo_seed
from casework.safeguarding.demo import safeguarding_demo_seed
from casework.safeguarding.models import SafeguardingCase
from casework.safeguarding.services.reminders import reminders_sweep
from casework.worklist.models import Notification
from tests.casework.screens import user_with


def test_demo_cases_and_the_sweep(in_partner_a):
    practitioner, manager = user_with("practitioner"), user_with("manager")
    casework_demo_seed(practitioner=practitioner, manager=manager)
    safeguarding_demo_seed(practitioner=practitioner, manager=manager)
    safeguarding_demo_seed(practitioner=practitioner, manager=manager)  # idempotent
    practitioner.refresh_from_db()
    assert practitioner.line_manager == manager
    today = timezone.localdate()
    high, low = SafeguardingCase.objects.order_by("number")
    assert high.threshold == "high" and high.next_update_due == today + timedelta(days=1)
    assert low.threshold == "low" and low.next_update_due < today - timedelta(days=3)
    reminders_sweep()
    assert Notification.objects.filter(recipient=practitioner).count() == 2  # due, overdue
    escalation = f"Safeguarding case {low.reference}: update overdue by"
    assert Notification.objects.filter(recipient=manager, title__startswith=escalation).exists()

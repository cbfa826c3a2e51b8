"""The reminder sweep through a real Celery worker (a subprocess) and the broker CI
provides (Redis with REDIS_URL): run twice, nothing is sent twice.

The worker sees only committed data, so the cases are made in a thread of their own
(its own connection, autocommit) in the partner kept for committed test data."""

import time
import uuid
from datetime import timedelta

from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.models import Programme
from casework.safeguarding.tasks import safeguarding_reminders
from casework.worklist.models import Notification
from tenants.accounts.models import Role, User
from tenants.models import WorkerHeartbeat
from tenants.tasks import platform_heartbeat
from tests.casework.safeguarding.helpers import committed, raise_concern
from tests.casework.screens import new_child, new_engagement


def unique_user(role_key, tag):
    # Committed data outlives the test run: names that cannot repeat.
    role = Role.objects.get(key=role_key)
    user = User.objects.create(
        username=f"{role_key}-{tag}", full_name=f"Sweep {role.name}", role=role
    )
    user.groups.set([role.group])
    return User.objects.get(pk=user.pk)


def make_world():
    tag = uuid.uuid4().hex[:8]
    manager = unique_user("manager", tag)
    owner = unique_user("practitioner", tag)
    owner.line_manager = manager
    owner.save(update_fields=["line_manager"])
    programme = Programme.objects.create(name=f"Sweep {tag}", code_prefix=f"S{tag[:4]}")
    child = new_child(owner, last=f"Sweep{tag}")
    today = timezone.localdate()
    engagement = new_engagement(owner, child, programme, start_date=today - timedelta(days=60))
    due_tomorrow = raise_concern(owner, engagement, opened_on=today - timedelta(days=6))
    overdue = raise_concern(owner, engagement, opened_on=today - timedelta(days=12))
    return {"owner": owner, "manager": manager, "cases": [due_tomorrow, overdue]}


def sent_for(partner, cases):
    connection.set_tenant(partner)
    return sorted(
        Notification.objects.filter(
            link_url__in=[f"/cases/{c.public_id}/" for c in cases]
        ).values_list("recipient__username", "dedupe_key")
    )


def run_and_wait(partner, queue):
    """Send the sweep, then a heartbeat behind it on the same one-at-a-time worker: when
    the heartbeat has run, so has the sweep."""
    sent_at = timezone.now()
    with schema_context(partner.schema_name):
        safeguarding_reminders.apply_async(queue=queue)
        platform_heartbeat.apply_async(queue=queue)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if WorkerHeartbeat.objects.filter(pk=1, beat_at__gte=sent_at).exists():
            return
        time.sleep(0.3)
    raise AssertionError("the worker did not run the sweep within 90 s")


def test_the_sweep_in_a_real_worker_sends_each_notice_once(
    worker_queue,  # noqa: F811
    real_sending,  # noqa: F811
    browser_partner,
):
    world = committed(browser_partner, make_world)
    cases = world["cases"]
    run_and_wait(browser_partner, worker_queue)
    first = sent_for(browser_partner, cases)
    owner, manager = world["owner"].username, world["manager"].username
    due, late = cases[0], cases[1]
    assert (owner, f"case:{due.public_id}:reminder:{due.next_update_due}") in first
    assert (owner, f"case:{late.public_id}:overdue:{late.next_update_due}") in first
    assert (manager, f"case:{late.public_id}:escalation:{late.next_update_due}") in first
    assert not any(key.startswith(f"case:{due.public_id}:overdue") for _, key in first)

    run_and_wait(browser_partner, worker_queue)
    assert sent_for(browser_partner, cases) == first  # nothing twice

"""The missing-status sweep as beat runs it: the beat entry fanned out over the partners
by the project's scheduler, each partner's task run by a real Celery worker (a
subprocess) on the broker CI provides (Redis with REDIS_URL). The adviser is told
once; a second run adds nothing.

The worker sees only committed data, so the referral and its appointment are made in a
thread of their own (its own connection, autocommit) in the partners kept for
committed test data (browser-bo refers to browser-pr)."""

import time
import uuid
from datetime import time as clock
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from config.celery import app
from customers.models import Appointment, AppointmentEvent
from customers.services.appointments import appointment_book
from referrals.models import Referral
from tenants.accounts.models import Role, User
from tenants.models import Partner, WorkerHeartbeat
from tenants.scheduler import PartnerAwareScheduler
from tenants.tasks import platform_heartbeat
from tests.casework.safeguarding.helpers import committed
from tests.customers.journey import a_customer, refer

BEAT_ENTRY = "appointments-flag-missing"


def unique_user(role_key, tag):
    # Committed data outlives the test run: names that cannot repeat.
    role = Role.objects.get(key=role_key)
    user = User.objects.create(
        username=f"{role_key}-{tag}", full_name=f"Sweep {role.name} {tag}", role=role
    )
    user.groups.set([role.group])
    return User.objects.get(pk=user.pk)


def make_world(provider):
    """In the borough: an officer refers a customer. At the provider: an adviser books
    today, and then the day passes with no status recorded."""
    tag = uuid.uuid4().hex[:8]
    officer = unique_user("housing-officer", tag)
    customer = a_customer(officer, last_name=f"Sweep{tag}", postcode="M1 1AE")
    sent = refer(officer, customer, provider)
    connection.set_tenant(provider)
    adviser = unique_user("adviser", tag)
    appointment = appointment_book(
        actor=adviser,
        referral=Referral.objects.get(public_id=sent.public_id),
        on=timezone.localdate(),
        at=clock(9, 30),
        adviser=adviser,
        place=f"Job hub {tag}",
    )
    # A booking cannot be made in the past: its day passing is a change of date here.
    Appointment.objects.filter(pk=appointment.pk).update(
        on=timezone.localdate() - timedelta(days=1)
    )
    return {"adviser": adviser, "appointment": Appointment.objects.get(pk=appointment.pk)}


def beat_sends_the_sweep(queue):
    """What beat does when the entry is due: the scheduler sends the task once per
    active partner, from inside that partner (here to the test's own queue)."""
    scheduler = PartnerAwareScheduler(app=app, lazy=True)
    entries = scheduler._tenant_aware_beat_schedule_to_dict(
        {BEAT_ENTRY: settings.CELERY_BEAT_SCHEDULE[BEAT_ENTRY]}
    )
    (fields,) = entries.values()
    fields["options"]["queue"] = queue
    scheduler.apply_entry(scheduler.Entry(name=BEAT_ENTRY, app=app, **fields))


def run_and_wait(queue):
    """The sweep in every partner, then a heartbeat behind it on the same one-at-a-time
    worker: when the heartbeat has run, so has every partner's sweep."""
    sent_at = timezone.now()
    beat_sends_the_sweep(queue)
    with schema_context("public"):
        platform_heartbeat.apply_async(queue=queue)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if WorkerHeartbeat.objects.filter(pk=1, beat_at__gte=sent_at).exists():
            return
        time.sleep(0.3)
    raise AssertionError("the worker did not run the sweep within 120 s")


def state(provider, appointment):
    connection.set_tenant(provider)
    flagged = Appointment.objects.get(pk=appointment.pk)
    notifications = sorted(
        provider_notifications().values_list("recipient__username", "dedupe_key", "title")
    )
    return flagged, notifications, AppointmentEvent.objects.count()


def provider_notifications():
    from casework.worklist.models import Notification

    return Notification.objects.filter(dedupe_key__startswith="appointment-missing:")


def test_the_beat_sweep_in_a_real_worker_flags_once(
    worker_queue,  # noqa: F811
    real_sending,  # noqa: F811
    db,
):
    provider = Partner.objects.get(slug="browser-pr")
    borough = Partner.objects.get(slug="browser-bo")
    world = committed(borough, lambda: make_world(provider))
    adviser, appointment = world["adviser"], world["appointment"]
    assert appointment.missing_flagged_at is None

    run_and_wait(worker_queue)
    flagged, notifications, events = state(provider, appointment)
    assert flagged.missing_flagged_at is not None and flagged.status == "booked"
    mine = [n for n in notifications if n[0] == adviser.username]
    assert mine == [
        (
            adviser.username,
            f"appointment-missing:{appointment.public_id}:{adviser.pk}",
            f"Record what happened at the appointment of {appointment.on:%d/%m/%Y}",
        )
    ]
    # Flagged by Celery, in the history, with no one signed in.
    last = AppointmentEvent.objects.filter(pgh_obj_id=appointment.pk).latest("pgh_id")
    assert last.missing_flagged_at == flagged.missing_flagged_at
    assert last.pgh_context["action"] == "appointments_flag_missing"
    assert last.pgh_context["user"] is None

    run_and_wait(worker_queue)  # the hourly run again: nothing new anywhere
    assert state(provider, appointment) == (flagged, notifications, events)
    assert Appointment.objects.get(pk=appointment.pk).missing_flagged_at == (
        flagged.missing_flagged_at
    )

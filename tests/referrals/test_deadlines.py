"""Deadlines through the beat task, with frozen time: the receiver reminded before the
answer and the work are due, its managers told when either is missed, the sender told;
each notice once. Beta (support line) sends a food referral (answer in 48 hours, the
work in 7 days) to kappa (a provider)."""

from datetime import timedelta

import time_machine
from django.conf import settings
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.worklist.models import Notification
from referrals.models import ReferralEvent
from referrals.services.exchange import local_referral_send, referral_accept
from referrals.tasks import referral_deadlines
from tests.referrals.exchange import copy_in, kappa_contact, received
from tests.referrals.helpers import ready_case_with_food
from tests.tenants.accounts.helpers import make_user


def _beat(partner) -> int:
    """What beat does for one partner: the task, in that partner's schema."""
    with schema_context(partner.schema_name):
        return referral_deadlines.apply().get()


def _told(partner, user, words) -> int:
    with schema_context(partner.schema_name):
        return Notification.objects.filter(recipient=user, title__contains=words).count()


def test_reminders_then_escalation_through_the_beat_task(
    handler, data_team, partner_b, partner_c, kappa_adviser
):
    entry = settings.CELERY_BEAT_SCHEDULE["referral-deadlines"]
    assert entry["task"] == referral_deadlines.name and "tenant_schemas" not in entry
    with schema_context(partner_c.schema_name):
        manager = make_user(role_key="provider-manager")
    start = timezone.now()
    _case, local = ready_case_with_food(handler)
    sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    mine = copy_in(partner_b, sent.public_id)
    assert mine.complete_by - mine.sent_at == timedelta(days=7)  # food's own deadline

    with time_machine.travel(start + timedelta(hours=30), tick=False):
        assert _beat(partner_b) == 0  # nothing due yet
    with time_machine.travel(start + timedelta(hours=37), tick=False):
        assert _beat(partner_c) == 0  # swept from the sender's side only
        assert _beat(partner_b) == 1
        assert _beat(partner_b) == 0  # once
    assert _told(partner_c, kappa_adviser, "answer due") == 1
    assert _told(partner_c, manager, "answer due") == 1  # managers record casework too
    with time_machine.travel(start + timedelta(hours=49), tick=False):
        assert _beat(partner_b) == 1  # the answer is late: flagged, escalated
    assert _told(partner_c, manager, "Escalated: Food referral not yet accepted") == 1
    assert _told(partner_c, manager, "not yet accepted") == 1  # once: the escalation
    assert _told(partner_c, kappa_adviser, "Escalated") == 0
    assert _told(partner_c, kappa_adviser, "not yet accepted") == 1
    assert _told(partner_b, data_team, "not yet accepted") == 1  # the sender told

    contact = kappa_contact(partner_c, kappa_adviser)
    with schema_context(partner_c.schema_name):
        referral_accept(actor=kappa_adviser, referral=received(partner_c, sent), contact=contact)
    with time_machine.travel(start + timedelta(days=5, hours=12), tick=False):
        assert _beat(partner_b) == 1  # two days before the work is due
        assert _beat(partner_b) == 0
    assert _told(partner_c, kappa_adviser, "work due") == 1
    with time_machine.travel(start + timedelta(days=7, hours=1), tick=False):
        assert _beat(partner_b) == 1  # the work is late
        assert _beat(partner_b) == 0
    assert _told(partner_c, manager, "Escalated: Food referral not completed in time") == 1
    assert _told(partner_c, manager, "not completed in time") == 1
    assert _told(partner_c, kappa_adviser, "not completed in time") == 1
    assert _told(partner_b, data_team, "not completed in time") == 1
    for partner in (partner_b, partner_c):
        copy = copy_in(partner, sent.public_id)
        assert copy.completion_late_at is not None and copy.response_reminded_at is not None
        with schema_context(partner.schema_name):
            assert ReferralEvent.objects.filter(
                referral__public_id=sent.public_id, action="late to complete"
            ).exists()

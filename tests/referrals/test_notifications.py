"""Who is told what, through the worklist: supervisors get a task when safeguarding is
activated; the data team hears of ready cases and later changes; the receiving partner's
staff hear of new referrals; both sides hear of late ones; the sender hears of every
receiver-side step."""

from datetime import timedelta

import time_machine
from django.core import mail
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.worklist.models import Notification, Task
from referrals.services.cases import case_create, case_note_add, case_support_update
from referrals.services.exchange import local_referral_send, referral_decline, referrals_flag_late
from referrals.services.review import case_mark_ready
from tests.referrals.exchange import received
from tests.referrals.helpers import consented_caller, ready_case_with_food


def test_safeguarding_activated_gives_the_supervisor_a_task(handler, supervisor):
    case = case_create(actor=handler, caller=consented_caller(handler), title="Food")
    case_support_update(
        actor=handler,
        case=case,
        psychosocial_support=False,
        safeguarding_activated=True,
        safeguarding_reason="Risk of harm",
        feedback_consent=False,
    )
    task = Task.objects.get(assignee=supervisor)
    # What it is about, with initials only (the caller is Morgan Fairweather).
    assert task.title == "Support case for M. F.: safeguarding activated"
    assert str(case.public_id) in task.link_url
    assert not Task.objects.filter(assignee=handler).exists()
    # Saving again does not hand out a second task.
    case_support_update(
        actor=handler,
        case=case,
        psychosocial_support=True,
        safeguarding_activated=True,
        safeguarding_reason="Risk of harm",
        feedback_consent=False,
    )
    assert Task.objects.filter(assignee=supervisor).count() == 1


def test_the_data_team_hears_of_ready_cases_and_later_changes(handler, data_team):
    case = case_create(actor=handler, caller=consented_caller(handler), title="Food")
    case_mark_ready(actor=handler, case=case)
    assert (
        Notification.objects.filter(recipient=data_team, title__startswith="Case ready").count()
        == 1
    )
    case_note_add(actor=handler, case=case, text="Caller rang back")
    changed = Notification.objects.get(recipient=data_team, title__startswith="Case changed")
    assert changed.link_url == f"/review/{case.public_id}/"
    assert not Notification.objects.filter(recipient=handler).exists()


def test_the_receiver_hears_of_new_referrals_and_the_sender_of_their_answer(
    handler, data_team, partner_c, kappa_adviser, django_capture_on_commit_callbacks
):
    kappa_adviser.email = "adviser@kappa.example"
    with schema_context(partner_c.schema_name):
        kappa_adviser.save(update_fields=["email"])
    _case, local = ready_case_with_food(handler)
    with django_capture_on_commit_callbacks(execute=True):
        sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    with schema_context(partner_c.schema_name):
        note = Notification.objects.get(recipient=kappa_adviser)
        assert note.title == "New food referral from Beta Support Line"
        assert note.link_url == f"/referrals/inbox/{sent.public_id}/"
        assert note.emailed_at is not None  # emailed from kappa's schema, after commit
    assert ["adviser@kappa.example"] in [m.to for m in mail.outbox]
    # Every email is about kappa's inbox and links to kappa's portal, none to beta's.
    assert all("kappa.localhost" in m.body and "beta." not in m.body for m in mail.outbox)
    with schema_context(partner_c.schema_name):
        referral_decline(actor=kappa_adviser, referral=received(partner_c, sent), reason="Full")
    told = Notification.objects.get(recipient=data_team, title__contains="declined")
    assert told.link_url == f"/referrals/sent/{sent.public_id}/"


def test_late_referrals_are_told_to_both_sides(handler, data_team, partner_c, kappa_adviser):
    _case, local = ready_case_with_food(handler)
    local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        referrals_flag_late()
    assert Notification.objects.filter(
        recipient=data_team, title__contains="not yet accepted"
    ).exists()
    with schema_context(partner_c.schema_name):
        assert Notification.objects.filter(
            recipient=kappa_adviser, title__contains="not yet accepted"
        ).exists()

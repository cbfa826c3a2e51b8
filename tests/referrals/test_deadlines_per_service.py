"""Deadlines per referral type and receiving service (the directory entry's completion
time, else the type's), kept on the partner's screen and in the console; and an on-hold
referral's review date, reminded through the beat task with frozen time and shown as
"Review due" on both sides' lists. Beta (support line) sends food referrals (the type's
work: 7 days) to kappa (a provider)."""

from datetime import timedelta

import time_machine
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.worklist.models import Notification
from referrals.models import Referral
from referrals.services.exchange import (
    local_referral_send,
    referral_accept,
    referral_hold,
    referral_resume,
)
from referrals.tasks import referral_deadlines
from tenants.models import DirectoryEntry
from tests.casework.screens import body
from tests.clients import signed_in
from tests.partners import PASSWORD
from tests.referrals.exchange import copy_in, kappa_contact, received
from tests.referrals.helpers import ready_case_with_food

ENTRY_FORM = {
    "name": "Food help",
    "status": "active",
    "referral_types": ["food"],
    "regions": ["london"],
    "districts": "M1",
    "capacity": "accepting",
    "response_hours": "24",
}


def _sent_to_kappa(handler, data_team, partner_c):
    _case, local = ready_case_with_food(handler)
    return local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)


def test_the_receiving_services_completion_time_sets_the_deadline_else_the_types(
    handler, data_team, partner_b, partner_c
):
    DirectoryEntry.objects.filter(partner=partner_c).update(completion_days=3, response_hours=6)
    sent = _sent_to_kappa(handler, data_team, partner_c)
    for partner in (partner_b, partner_c):
        copy = copy_in(partner, sent.public_id)
        assert copy.complete_by - copy.sent_at == timedelta(days=3)  # kappa's own
        assert copy.respond_by - copy.sent_at == timedelta(hours=6)

    DirectoryEntry.objects.filter(partner=partner_c).update(completion_days=None)
    again = _sent_to_kappa(handler, data_team, partner_c)
    copy = copy_in(partner_c, again.public_id)
    assert copy.complete_by - copy.sent_at == timedelta(days=7)  # food's usual time


def test_the_partner_keeps_its_completion_time_on_its_directory_screen(partner_b, supervisor):
    client = signed_in(partner_b, supervisor)
    page = body(client.get("/directory/"))
    assert "Usual time to complete the work (days, optional)" in page
    refused = body(client.post("/directory/", {**ENTRY_FORM, "completion_days": "0"}))
    assert "Enter a completion time between 1 and 365 days." in refused
    assert not DirectoryEntry.objects.filter(partner=partner_b, completion_days=0).exists()
    response = client.post("/directory/", {**ENTRY_FORM, "completion_days": "10"})
    assert response.status_code == 302
    entry = DirectoryEntry.objects.get(partner=partner_b)
    assert (entry.completion_days, entry.response_hours) == (10, 24)
    assert 'value="10"' in body(client.get(response.url))
    client.post("/directory/", {**ENTRY_FORM, "completion_days": ""})
    entry.refresh_from_db()
    assert entry.completion_days is None  # blank: each referral type's usual time


def _console(platform_client):
    response = platform_client.post(
        "/sign-in/", {"username": "platform-manager", "password": PASSWORD}
    )
    assert response.status_code == 302
    return platform_client


def test_the_console_keeps_the_completion_time_and_adds_a_second_service(platform_client):
    from tenants.accounts.models import AuditEntry

    client = _console(platform_client)
    first = DirectoryEntry.objects.get(partner__slug="kappa")
    listing = client.get("/directory/").content.decode()
    assert "Completion time" in listing and "/directory/kappa/?service=new" in listing
    response = client.post(
        f"/directory/kappa/?service={first.public_id}",
        {
            **ENTRY_FORM,
            "name": first.service_name,
            "referral_types": first.referral_types,
            "regions": first.regions,
            "districts": " ".join(first.districts),
            "completion_days": "21",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.completion_days == 21
    audit = AuditEntry.objects.filter(action="directory.entry_changed").latest("pk")
    assert audit.before["completion_days"] is None and audit.after["completion_days"] == 21
    assert "21 days" in client.get("/directory/").content.decode()

    form = client.get("/directory/kappa/?service=new").content.decode()
    assert "Add a service" in form
    refused = client.post(
        "/directory/kappa/?service=new", {**ENTRY_FORM, "name": "", "completion_days": "400"}
    ).content.decode()
    assert "Enter a completion time between 1 and 365 days." in refused
    assert DirectoryEntry.objects.filter(partner__slug="kappa").count() == 1  # nothing saved
    response = client.post(
        "/directory/kappa/?service=new",
        {**ENTRY_FORM, "name": "Kappa befriending", "referral_types": ["befriending"]},
    )
    assert response.status_code == 302
    services = list(DirectoryEntry.objects.filter(partner__slug="kappa").order_by("pk"))
    assert [s.pk for s in services][0] == first.pk and len(services) == 2
    assert services[1].name == "Kappa befriending" and services[1].completion_days is None
    first.refresh_from_db()
    assert first.completion_days == 21 and first.referral_types != ["befriending"]
    assert "Kappa befriending" in client.get("/directory/").content.decode()


def _beat(partner) -> int:
    with schema_context(partner.schema_name):
        return referral_deadlines.apply().get()


def _told(partner, user, words) -> int:
    with schema_context(partner.schema_name):
        return Notification.objects.filter(recipient=user, title__contains=words).count()


def test_an_on_hold_referrals_review_date_reminds_the_receiver_once_per_hold(
    handler, data_team, partner_b, partner_c, kappa_adviser
):
    start = timezone.now()
    sent = _sent_to_kappa(handler, data_team, partner_c)
    contact = kappa_contact(partner_c, kappa_adviser)
    review_on = timezone.localdate(start) + timedelta(days=3)
    with schema_context(partner_c.schema_name):
        referral_accept(actor=kappa_adviser, referral=received(partner_c, sent), contact=contact)
        referral_hold(
            actor=kappa_adviser,
            referral=received(partner_c, sent),
            reason="The person is in hospital.",
            review_on=review_on,
        )
    with time_machine.travel(start + timedelta(days=2), tick=False):
        assert _beat(partner_b) == 0  # not due yet
        inbox = signed_in(partner_c, kappa_adviser)  # signed in at each time (sessions end)
        assert "Review due" not in body(inbox.get("/referrals/inbox/"))
    with time_machine.travel(start + timedelta(days=3, hours=1), tick=False):
        inbox = signed_in(partner_c, kappa_adviser)
        sent_list = signed_in(partner_b, data_team)
        assert _beat(partner_c) == 0  # swept from the sender's side only
        assert _beat(partner_b) == 1
        assert _beat(partner_b) == 0  # once
        for client, url in ((inbox, "/referrals/inbox/"), (sent_list, "/referrals/sent/")):
            page = body(client.get(url))
            assert 'data-testid="review-due">Review due' in page, url
        detail = body(inbox.get(f"/referrals/inbox/{sent.public_id}/"))
        assert "Review due" in detail
    assert _told(partner_c, kappa_adviser, "on hold, review due") == 1
    assert _told(partner_b, data_team, "review due") == 0  # the receiver's work
    for partner in (partner_b, partner_c):
        assert copy_in(partner, sent.public_id).hold_review_reminded_at is not None

    # Resumed and put on hold again: the new review date reminds again, once.
    with time_machine.travel(start + timedelta(days=4), tick=False):
        with schema_context(partner_c.schema_name):
            referral_resume(actor=kappa_adviser, referral=received(partner_c, sent))
            referral_hold(
                actor=kappa_adviser,
                referral=received(partner_c, sent),
                reason="Waiting for a new address.",
                review_on=review_on + timedelta(days=4),
            )
        assert copy_in(partner_b, sent.public_id).hold_review_reminded_at is None
        assert _beat(partner_b) == 0
        inbox = signed_in(partner_c, kappa_adviser)
        assert "Review due" not in body(inbox.get("/referrals/inbox/"))
    with time_machine.travel(start + timedelta(days=7, hours=1), tick=False):
        assert _beat(partner_b) == 1
        assert _beat(partner_b) == 0
    assert _told(partner_c, kappa_adviser, "on hold, review due") == 2
    with schema_context(partner_c.schema_name):
        assert Referral.objects.get(public_id=sent.public_id).status == "on_hold"

"""The lifecycle on both sides' referral pages: the receiver puts a referral on hold,
takes it off hold, says it could not be completed, reopens and completes it; the sender
sees each step in the same words, withdraws and reopens. Refusals show beside the form."""

from datetime import date, timedelta

from django.db import connection
from django_tenants.utils import schema_context

from referrals.models import Referral
from referrals.services.exchange import local_referral_send, referral_accept, referral_start
from tests.casework.screens import body
from tests.clients import signed_in
from tests.referrals.exchange import kappa_contact, received
from tests.referrals.helpers import ready_case_with_food


def _status(partner, public_id) -> str:
    with schema_context(partner.schema_name):
        return Referral.objects.get(public_id=public_id).status


def test_both_sides_take_the_later_steps_on_their_pages(
    partner_b, partner_c, handler, data_team, kappa_adviser
):
    _case, local = ready_case_with_food(handler)
    sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    contact = kappa_contact(partner_c, kappa_adviser)
    with schema_context(partner_c.schema_name):
        referral_accept(actor=kappa_adviser, referral=received(partner_c, sent), contact=contact)
        referral_start(actor=kappa_adviser, referral=received(partner_c, sent))
    kappa = signed_in(partner_c, kappa_adviser)
    url = f"/referrals/inbox/{sent.public_id}/"
    page = body(kappa.get(url))
    for words in ("Put on hold", "Record as not completed", "Complete referral", "completed by"):
        assert words in page, words
    assert "Reopen referral" not in page and "Take off hold" not in page

    past = (date.today() - timedelta(days=1)).strftime("%d/%m/%Y")
    page = body(kappa.post(url, {"action": "hold", "hold-reason": "", "hold-review_on": past}))
    assert "Say why the referral is on hold." in page
    assert "The review date must be today or later." not in page  # the form's own first
    assert page.count("There is a problem") == 1
    page = body(kappa.post(url, {"action": "hold", "hold-reason": "Away", "hold-review_on": past}))
    assert "The review date must be today or later." in page
    soon = (date.today() + timedelta(days=3)).strftime("%d/%m/%Y")
    response = kappa.post(url, {"action": "hold", "hold-reason": "Away", "hold-review_on": soon})
    assert response.status_code == 302
    page = body(kappa.get(url))
    assert "The referral is on hold." in page and "Take off hold" in page
    assert "On hold: Away" in page

    connection.set_tenant(partner_b)
    sender = signed_in(partner_b, data_team)
    sent_url = f"/referrals/sent/{sent.public_id}/"
    page = body(sender.get(sent_url))
    assert "On hold: Away" in page and "Withdraw</button>" in page  # the same words

    connection.set_tenant(partner_c)
    assert kappa.post(url, {"action": "resume"}).status_code == 302
    assert _status(partner_c, sent.public_id) == "in_progress"
    page = body(kappa.post(url, {"action": "fail", "fail-reason": "other", "fail-details": ""}))
    assert "Say why the referral could not be completed." in page
    response = kappa.post(url, {"action": "fail", "fail-reason": "no_capacity"})
    assert response.status_code == 302
    page = body(kappa.get(url))
    assert "Could not be completed: No capacity to help." in page and "Reopen referral" in page
    response = kappa.post(url, {"action": "reopen", "reopen-reason": "A place came free"})
    assert response.status_code == 302
    response = kappa.post(
        url,
        {"action": "complete", "complete-outcome_code": "need_met", "complete-outcome": "Fed"},
    )
    assert response.status_code == 302
    assert {_status(p, sent.public_id) for p in (partner_b, partner_c)} == {"closed"}

    connection.set_tenant(partner_b)
    page = body(sender.get(sent_url))
    assert "Completed" in page and "support given, the need was met" in page
    assert "Reopen referral" not in page  # completed: the receiver's to reopen
    assert "Withdraw</button>" not in page
    listed = body(sender.get("/referrals/sent/"))
    assert "Complete by" in listed and "Completed" in listed

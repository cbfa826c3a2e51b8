"""Every support-line and exchange URL against every kind of user: a call handler, the
data team, a supervisor, an editor (no casework) of beta, the sender; kappa's adviser,
the receiver, on kappa's portal; and alpha's manager, a partner that took no part, on
alpha's portal, presenting beta's ids. A record refused is 404 (403 only for a whole
screen a role lacks); a refused post changes nothing on any side."""

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from casework.models import Contact
from casework.worklist.models import Task
from referrals.models import (
    CaseNote,
    CaseNoteCorrection,
    LocalReferral,
    Referral,
    ReferralEvent,
    SupportCase,
)
from referrals.services.cases import case_note_add
from referrals.services.exchange import local_referral_send
from tests.casework.screens import user_with
from tests.clients import signed_in
from tests.referrals.helpers import ready_case_with_food

pytestmark = pytest.mark.security

WHO = ("handler", "data", "supervisor", "editor", "kappa", "alpha")
OK, NF, NO = 200, 404, 403
EXPECTED = {
    "callers": (OK, OK, OK, NO, NO, NO),
    "caller_new": (OK, OK, OK, NO, NO, NO),
    "caller_detail": (OK, OK, OK, NF, NF, NF),
    "consent_withdraw": (OK, OK, OK, NF, NF, NF),
    "case_new": (OK, OK, OK, NF, NF, NF),
    "case": (OK, OK, OK, NF, NF, NF),
    "note": (OK, OK, OK, NF, NF, NF),
    "support": (OK, OK, OK, NF, NF, NF),
    "signpost": (OK, OK, OK, NF, NF, NF),
    "local_referral": (OK, OK, OK, NF, NF, NF),
    "lawful_basis": (NO, NO, OK, NF, NF, NF),
    "review_queue": (NO, OK, OK, NO, NO, NO),
    "review_case": (NF, OK, OK, NF, NF, NF),
    "sent_list": (NO, OK, OK, NO, OK, NO),
    "sent": (NF, OK, OK, NF, NF, NF),
    "inbox": (OK, OK, OK, NO, OK, OK),
    "received": (NF, NF, NF, NF, OK, NF),
    "directory": (NO, NO, OK, NO, NO, OK),
    "webhooks": (NO, NO, NO, NO, NO, NO),
    # Correcting a summary note: its author only (others who see the case are refused).
    "note_correct": (OK, NO, NO, NF, NF, NF),
    # A task about the case: whoever may see it.
    "task_new": (OK, OK, OK, NF, NF, NF),
    # The home page, and the lists its counts lead to.
    "home": (OK, OK, OK, OK, OK, OK),
    "my_cases": (OK, OK, OK, NO, NO, NO),
    "returned_cases": (OK, OK, OK, NO, NO, NO),
    "safeguarding_cases": (NO, NO, OK, NO, NO, NO),
    "lawful_basis_cases": (NO, NO, OK, NO, NO, NO),
    "spoken_today": (OK, OK, OK, NO, NO, NO),
    "sent_late": (NO, OK, OK, NO, OK, NO),
    "sent_by_status": (NO, OK, OK, NO, OK, NO),
}


class World:
    pass


@pytest.fixture
def world(partner_a, partner_b, partner_c, in_partner_b):
    w = World()
    w.partners = {"beta": partner_b, "kappa": partner_c, "alpha": partner_a}
    w.users = {
        "handler": user_with("call-handler"),
        "data": user_with("data-team"),
        "supervisor": user_with("supervisor"),
        "editor": user_with("editor"),
    }
    w.case, local = ready_case_with_food(w.users["handler"])
    w.caller = w.case.caller
    w.note = case_note_add(actor=w.users["handler"], case=w.case, text="Caller is Fairweather")
    w.referral = local_referral_send(
        actor=w.users["data"], local_referral=local, receiver=partner_c
    )
    with schema_context(partner_c.schema_name):
        w.users["kappa"] = user_with("adviser")
    with schema_context(partner_a.schema_name):
        w.users["alpha"] = user_with("manager")
    return w


def home_of(w, who):
    return w.partners.get(who, w.partners["beta"])


def url_of(w, key) -> str:
    c, k, r = w.caller.public_id, w.case.public_id, w.referral.public_id
    return {
        "callers": "/calls/",
        "caller_new": "/calls/new/",
        "caller_detail": f"/calls/{c}/",
        "consent_withdraw": f"/calls/{c}/withdraw-consent/",
        "case_new": f"/calls/{c}/cases/new/",
        "case": f"/support-cases/{k}/",
        "note": f"/support-cases/{k}/notes/",
        "support": f"/support-cases/{k}/support/",
        "signpost": f"/support-cases/{k}/signposts/",
        "local_referral": f"/support-cases/{k}/local-referrals/new/?response_type=food",
        "lawful_basis": f"/support-cases/{k}/lawful-basis/",
        "review_queue": "/review/",
        "review_case": f"/review/{k}/",
        "sent_list": "/referrals/sent/",
        "sent": f"/referrals/sent/{r}/",
        "inbox": "/referrals/inbox/",
        "received": f"/referrals/inbox/{r}/",
        "directory": "/directory/",
        "webhooks": "/webhooks/",
        "note_correct": f"/support-notes/{w.note.public_id}/correct/",
        "task_new": f"/tasks/new/support-case/{k}/",
        "home": "/",
        "my_cases": "/support-cases/?show=mine",
        "returned_cases": "/support-cases/?show=returned",
        "safeguarding_cases": "/support-cases/?show=safeguarding",
        "lawful_basis_cases": "/support-cases/?show=lawful-basis",
        "spoken_today": "/calls/?spoken=today",
        "sent_late": "/referrals/sent/?late=1",
        "sent_by_status": "/referrals/sent/?status=sent",
    }[key]


def post_of(w, key) -> dict | None:
    return {
        "consent_withdraw": {"confirmed": "on"},
        "case_new": {"case-title": "Forged", "case-who": "caller", "case-identity_confirmed": "on"},
        "note": {"text": "Forged note"},
        "support": {
            "psychosocial_support": "yes",
            "safeguarding_activated": "no",
            "feedback_consent": "yes",
        },
        "lawful_basis": {"reason": "A forged lawful basis"},
        "review_case": {"action": "return", "comment": "Forged"},
        "sent": {"reason": "Forged withdrawal"},
        "received": {"action": "decline", "reason": "Forged"},
        "directory": {"referral_types": "food", "regions": "london", "response_hours": "1"},
        "note_correct": {"kind": "error", "text": "Forged"},
        "task_new": {"title": "Forged", "assignee": str(w.users["handler"].public_id)},
    }.get(key)


def snapshot(w) -> tuple:
    sides = []
    for partner in (w.partners["beta"], w.partners["kappa"]):
        with schema_context(partner.schema_name):
            sides.append(
                tuple(Referral.objects.values_list("status", "payload").order_by("pk"))
                + (ReferralEvent.objects.count(),)
            )
    connection.set_tenant(w.partners["beta"])
    case = SupportCase.objects.get(pk=w.case.pk)
    return (
        *sides,
        Contact.objects.filter(consent="given").count(),
        SupportCase.objects.count(),
        CaseNote.objects.count(),
        LocalReferral.objects.count(),
        case.status,
        case.psychosocial_support,
        CaseNoteCorrection.objects.count(),
        Task.objects.count(),
        case.lawful_basis,
    )


@pytest.mark.parametrize("key", list(EXPECTED))
@pytest.mark.parametrize("who", WHO)
def test_access_matrix(world, who, key):
    w = world
    expected = EXPECTED[key][WHO.index(who)]
    client = signed_in(home_of(w, who), w.users[who])
    response = client.get(url_of(w, key))
    assert response.status_code == expected, (who, key, response.status_code)
    page = response.content.decode()
    if who in ("alpha", "kappa") and key != "received":
        # Lists at another partner never show beta's people.
        assert w.caller.client_id not in page and "Fairweather" not in page
    data = post_of(w, key)
    if data is None or expected == OK:
        return
    before = snapshot(w)
    client = signed_in(home_of(w, who), w.users[who])
    response = client.post(url_of(w, key), data)
    assert response.status_code == expected, (who, key, "post", response.status_code)
    assert snapshot(w) == before


def test_the_same_posts_by_those_allowed_do_change_things(world):
    """So the refused posts above are meaningful."""
    w = world
    before = snapshot(w)
    supervisor = signed_in(w.partners["beta"], w.users["supervisor"])
    supervisor.post(url_of(w, "lawful_basis"), post_of(w, "lawful_basis"))
    handler = signed_in(w.partners["beta"], w.users["handler"])
    for key in ("note_correct", "task_new"):
        assert handler.post(url_of(w, key), post_of(w, key)).status_code == 302, key
    kappa = signed_in(w.partners["kappa"], w.users["kappa"])
    response = kappa.post(url_of(w, "received"), post_of(w, "received"))
    assert response.status_code == 302
    after = snapshot(w)
    assert after[-1] == "A forged lawful basis"
    assert after[-3] == before[-3] + 1 and after[-2] == before[-2] + 1  # correction, task
    assert after[0] != before[0] and after[1] != before[1]  # both sides declined

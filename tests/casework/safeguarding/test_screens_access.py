"""Every safeguarding URL against every kind of user: the owner, another practitioner,
a manager, a DSL, a colleague the engagement is shared with, a role without casework
(editor) and a user of partner B presenting partner A's ids. A case they may not see
is 404; a screen their role lacks on a case they can see is 403; a refused post
changes nothing."""

import pytest
from django.db import connection

from casework.models import Programme
from casework.safeguarding.models import (
    ClosureDecision,
    ClosureDecisionCorrection,
    ClosureRequest,
    MonitoringAction,
    MonitoringActionCorrection,
    SafeguardingCase,
    SafeguardingSettings,
)
from casework.safeguarding.services.cases import monitoring_action_add
from casework.safeguarding.services.closure import closure_request_decide, closure_request_submit
from casework.services.engagements import engagement_share
from casework.worklist.models import Task
from tenants.models import Partner
from tests.casework.safeguarding.helpers import raise_concern
from tests.casework.screens import new_child, new_engagement, today_text, user_with
from tests.clients import signed_in

pytestmark = pytest.mark.security

WHO = ("owner", "other", "manager", "dsl", "shared", "editor", "partner_b")
OK, NF, NO = 200, 404, 403
EXPECTED = {
    "case_new": (OK, NF, OK, OK, OK, NF, NF),
    "cases": (OK, OK, OK, OK, OK, NO, OK),
    "cases_all": (OK, OK, OK, OK, OK, NO, OK),
    "case": (OK, NF, OK, OK, OK, NF, NF),
    "history": (OK, NF, OK, OK, OK, NF, NF),
    "monitoring_new": (OK, NF, OK, OK, OK, NF, NF),
    "threshold": (OK, NF, OK, OK, OK, NF, NF),
    "local_authority": (NO, NF, NO, OK, NO, NF, NF),
    "submit": (OK, NF, OK, OK, OK, NF, NF),
    "decide": (NO, NF, OK, OK, NO, NF, NF),
    "settings": (NO, NO, NO, OK, NO, NO, NO),
    # Corrections: the author (the owner's action, the manager's decision), managers, DSLs.
    "action_correct": (OK, NF, OK, OK, NO, NF, NF),
    "decision_correct": (NO, NF, OK, OK, NO, NF, NF),
    # A task about the case: whoever may see it.
    "task_new": (OK, NF, OK, OK, OK, NF, NF),
}


class World:
    pass


@pytest.fixture
def world(in_partner_a, partner_b):
    w = World()
    w.partner_a = in_partner_a
    w.users = {
        "owner": user_with("practitioner"),
        "other": user_with("practitioner"),
        "manager": user_with("manager"),
        "dsl": user_with("dsl"),
        "shared": user_with("practitioner"),
        "editor": user_with("editor"),
    }
    owner = w.users["owner"]
    programme = Programme.objects.create(name="Riverside Families", code_prefix="RF")
    w.child = new_child(owner, first="Secretchild")
    w.engagement = new_engagement(owner, w.child, programme)
    engagement_share(actor=owner, engagement=w.engagement, with_user=w.users["shared"])
    w.case = raise_concern(owner, w.engagement, description="Secret concern")
    w.pending = raise_concern(owner, w.engagement, description="Secret pending")
    closure_request_submit(
        actor=owner, case=w.pending, approver=w.users["manager"], comment="Secret reasons"
    )
    w.action = monitoring_action_add(
        actor=owner, case=w.case, actions_taken="Secret action", taken_by="Me", rationale="R"
    )
    w.decided = raise_concern(owner, w.engagement, description="Secret decided")
    w.decision = closure_request_decide(
        actor=w.users["manager"],
        request=closure_request_submit(
            actor=owner, case=w.decided, approver=w.users["manager"], comment="Secret done"
        ),
        approve=False,
        comment="Secret decision",
    )
    connection.set_tenant(partner_b)
    w.users["partner_b"] = user_with("call-handler")
    connection.set_tenant(in_partner_a)
    return w


def url_of(w, key) -> str:
    c, p = w.case.public_id, w.pending.public_id
    return {
        "case_new": f"/engagements/{w.engagement.public_id}/cases/new/",
        "cases": "/cases/?status=all",
        "cases_all": "/cases/?status=all&who=all",
        "case": f"/cases/{c}/",
        "history": f"/cases/{c}/history/",
        "monitoring_new": f"/cases/{c}/monitoring/new/",
        "threshold": f"/cases/{c}/threshold/",
        "local_authority": f"/cases/{c}/local-authority/",
        "submit": f"/cases/{c}/submit/",
        "decide": f"/cases/{p}/decide/",
        "settings": "/cases/settings/",
        "action_correct": f"/cases/monitoring/{w.action.public_id}/correct/",
        "decision_correct": f"/cases/decisions/{w.decision.public_id}/correct/",
        "task_new": f"/tasks/new/safeguarding-case/{c}/",
    }[key]


def post_of(w, key) -> dict | None:
    return {
        "case_new": {
            "threshold": "high",
            "opened_on": today_text(),
            "description": "Forged",
            "raised_with": "Forged",
            "actions_agreed": "Forged",
        },
        "monitoring_new": {"actions_taken": "Forged", "taken_by": "Me", "rationale": "Forged"},
        "threshold": {"threshold": "low"},
        "local_authority": {"notified": "yes", "notified_on": today_text()},
        "submit": {"comment": "Forged", "approver": str(w.users["manager"].public_id)},
        "decide": {"decision": "approve", "comment": "Forged"},
        "settings": {"escalation_days": "9"},
        "action_correct": {"kind": "error", "text": "Forged"},
        "decision_correct": {"kind": "corrected", "text": "Forged"},
        "task_new": {"title": "Forged", "assignee": str(w.users["owner"].public_id)},
    }.get(key)


def snapshot(w) -> tuple:
    connection.set_tenant(w.partner_a)
    case = SafeguardingCase.objects.get(pk=w.case.pk)
    pending = SafeguardingCase.objects.get(pk=w.pending.pk)
    return (
        SafeguardingCase.objects.count(),
        MonitoringAction.objects.count(),
        ClosureRequest.objects.count(),
        ClosureDecision.objects.count(),
        case.threshold,
        case.la_notified,
        case.status,
        pending.status,
        SafeguardingSettings.objects.get().escalation_days,
        MonitoringActionCorrection.objects.count(),
        ClosureDecisionCorrection.objects.count(),
        Task.objects.count(),
    )


@pytest.mark.parametrize("key", list(EXPECTED))
@pytest.mark.parametrize("who", WHO)
def test_access_matrix(world, who, key):
    w = world
    expected = EXPECTED[key][WHO.index(who)]
    partner = Partner.objects.get(slug="beta") if who == "partner_b" else w.partner_a
    client = signed_in(partner, w.users[who])
    response = client.get(url_of(w, key))
    assert response.status_code == expected, (who, key, response.status_code)
    page = response.content.decode()
    if expected != OK or who in ("partner_b", "other"):
        # Refused, at another partner, or someone else's list: nothing of the case shows.
        assert "Secret" not in page and w.case.reference not in page, (who, key)
    data = post_of(w, key)
    if data is None or expected == OK:
        return
    before = snapshot(w)
    response = client.post(url_of(w, key), data)
    assert response.status_code == expected, (who, key, "post", response.status_code)
    assert snapshot(w) == before


def test_the_same_posts_by_those_allowed_do_change_things(world):
    """So the refused posts above are meaningful."""
    w = world
    owner = signed_in(w.partner_a, w.users["owner"])
    for key in ("case_new", "monitoring_new", "threshold", "submit", "action_correct", "task_new"):
        response = owner.post(url_of(w, key), post_of(w, key))
        assert response.status_code == 302, (key, response.content.decode()[:2000])
    dsl = signed_in(w.partner_a, w.users["dsl"])
    assert dsl.post(url_of(w, "local_authority"), post_of(w, "local_authority")).status_code == 302
    manager = signed_in(w.partner_a, w.users["manager"])
    assert manager.post(url_of(w, "decide"), post_of(w, "decide")).status_code == 302
    assert dsl.post(url_of(w, "settings"), post_of(w, "settings")).status_code == 302
    assert (
        manager.post(url_of(w, "decision_correct"), post_of(w, "decision_correct")).status_code
        == 302
    )
    after = snapshot(w)
    # Cases: 3 + the new one; actions: 1 + 1; requests: 2 + 1; decisions: 1 + 1.
    assert after[:4] == (4, 2, 3, 2)
    assert after[4:9] == ("low", True, "closure_pending", "closed", 9)
    # Tasks: one per case raised in the world (3), the new case's and the hand-made one.
    assert after[9:] == (1, 1, 5)

"""Monitoring actions and closure decisions are append-only: a wrong one is answered by a
correction entry (its author, a manager or a DSL), the original stays, shown as corrected
beside the correction on the case page and in the API; the corrections are append-only
too, and a correction changes no clock and no outcome."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError

from casework.safeguarding.models import (
    ClosureDecisionCorrection,
    MonitoringAction,
    MonitoringActionCorrection,
)
from casework.safeguarding.policy import CaseworkRefused
from casework.safeguarding.selectors import READ_ACTION
from casework.safeguarding.services.cases import monitoring_action_add
from casework.safeguarding.services.closure import closure_request_decide, closure_request_submit
from casework.safeguarding.services.corrections import (
    closure_decision_correct,
    monitoring_action_correct,
)
from casework.services.engagements import engagement_share
from tenants.accounts.models import AuditEntry
from tests.casework.safeguarding.helpers import raise_concern
from tests.casework.screens import body
from tests.clients import signed_in


def _action(world, case=None):
    case = case or raise_concern(world.owner, world.engagement)
    return monitoring_action_add(
        actor=world.owner,
        case=case,
        actions_taken="Called the school on Monday",
        taken_by="Centre staff",
        rationale="Attendance had dropped",
    )


def _decision(world):
    case = raise_concern(world.owner, world.engagement)
    request = closure_request_submit(
        actor=world.owner, case=case, approver=world.manager, comment="All actions done"
    )
    return closure_request_decide(
        actor=world.manager, request=request, approve=False, comment="Wait for the review"
    )


def test_the_author_corrects_an_action_and_the_original_stays(world):
    action = _action(world)
    due = action.case.next_update_due
    correction = monitoring_action_correct(
        actor=world.owner, action=action, kind="corrected", text="Called the school on Tuesday"
    )
    assert (correction.author, correction.author_name) == (world.owner, world.owner.full_name)
    assert correction.headline == "Corrected: Called the school on Tuesday"
    action = MonitoringAction.objects.get(pk=action.pk)
    assert action.actions_taken == "Called the school on Monday"  # never rewritten
    assert list(action.corrections.all()) == [correction]
    action.case.refresh_from_db()
    assert action.case.next_update_due == due  # a correction is not an update
    assert AuditEntry.objects.filter(
        action="safeguarding.monitoring_corrected", target_public_id=action.case.public_id
    ).exists()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("owner", True), ("manager", True), ("dsl", True), ("shared", False), ("other", False)],
)
def test_who_may_correct_an_action(world, who, allowed):
    """Its author, a manager or a DSL; a colleague it is shared with may read but not
    correct; someone who cannot see the case cannot."""
    action = _action(world)
    shared = world.other if who == "shared" else None
    if shared is not None:
        engagement_share(actor=world.owner, engagement=world.engagement, with_user=shared)
    actor = shared or getattr(world, who)
    if allowed:
        monitoring_action_correct(actor=actor, action=action, kind="error", text="Wrong case")
        assert action.corrections.count() == 1
    else:
        with pytest.raises(CaseworkRefused):
            monitoring_action_correct(actor=actor, action=action, kind="error", text="Wrong case")
        assert action.corrections.count() == 0


@pytest.mark.parametrize(
    ("kind", "text", "field"),
    [("error", "  ", "text"), ("corrected", "", "text"), ("rewrite", "x", "kind")],
)
def test_a_correction_says_what_is_wrong(world, kind, text, field):
    action = _action(world)
    with pytest.raises(ValidationError) as exc:
        monitoring_action_correct(actor=world.owner, action=action, kind=kind, text=text)
    assert field in exc.value.message_dict
    assert action.corrections.count() == 0


def test_a_decision_is_corrected_by_who_decided_or_a_dsl_not_by_the_submitter(world):
    decision = _decision(world)
    with pytest.raises(CaseworkRefused):
        closure_decision_correct(
            actor=world.owner, decision=decision, kind="corrected", text="Forged"
        )
    closure_decision_correct(
        actor=world.manager, decision=decision, kind="corrected", text="Wait for the CIN review"
    )
    closure_decision_correct(actor=world.dsl, decision=decision, kind="error", text="Wrong case")
    decision.refresh_from_db()
    assert decision.comment == "Wait for the review" and decision.outcome == "rejected"
    assert [c.author for c in decision.corrections.all()] == [world.manager, world.dsl]
    decision.request.case.refresh_from_db()
    assert decision.request.case.status == "open"  # the outcome stands


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE safeguarding_monitoringactioncorrection SET text = 'rewritten'",
        "DELETE FROM safeguarding_monitoringactioncorrection",
        "TRUNCATE safeguarding_monitoringactioncorrection",
        "UPDATE safeguarding_closuredecisioncorrection SET text = 'rewritten'",
        "DELETE FROM safeguarding_closuredecisioncorrection",
        "TRUNCATE safeguarding_closuredecisioncorrection",
    ],
)
@pytest.mark.owner_role  # the trigger, which holds against the owner too
def test_corrections_are_append_only_in_the_database(world, sql):
    action = _action(world)
    monitoring_action_correct(actor=world.owner, action=action, kind="error", text="Kept")
    closure_decision_correct(
        actor=world.manager, decision=_decision(world), kind="error", text="Kept"
    )
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert MonitoringActionCorrection.objects.get().text == "Kept"
    assert ClosureDecisionCorrection.objects.get().text == "Kept"


def test_the_case_page_shows_the_original_marked_corrected_with_the_correction(world):
    action = _action(world)
    decision = _decision(world)
    owner = signed_in(world.partner, world.owner)
    page = body(owner.get(f"/cases/{action.case.public_id}/"))
    link = f"/cases/monitoring/{action.public_id}/correct/"
    assert link in page and "Corrected</strong>" not in page
    reads = AuditEntry.objects.filter(action=READ_ACTION, actor_username=world.owner.username)
    before = reads.count()
    form = owner.get(link)
    assert form.status_code == 200 and "Called the school on Monday" in body(form)
    assert reads.count() == before + 1  # showing the entry is a read of the case, logged
    response = owner.post(link, {"kind": "error", "text": "Recorded on the wrong child"})
    assert response.status_code == 302
    page = body(owner.get(f"/cases/{action.case.public_id}/"))
    assert "Called the school on Monday" in page  # the original stays
    assert "Recorded on the wrong child" in page and "Corrected</strong>" in page
    # The decision: only who decided (or a DSL, a manager) is offered the link.
    case_page = f"/cases/{decision.request.case.public_id}/"
    decision_link = f"/cases/decisions/{decision.public_id}/correct/"
    assert decision_link not in body(owner.get(case_page))
    manager = signed_in(world.partner, world.manager)
    assert decision_link in body(manager.get(case_page))
    response = manager.post(decision_link, {"kind": "corrected", "text": "Wait for the CIN"})
    assert response.status_code == 302
    page = body(manager.get(case_page))
    assert "Wait for the review" in page and "Wait for the CIN" in page


def test_a_bad_correction_shows_the_rule_and_changes_nothing(world):
    action = _action(world)
    owner = signed_in(world.partner, world.owner)
    response = owner.post(f"/cases/monitoring/{action.public_id}/correct/", {"kind": "error"})
    assert response.status_code == 200
    assert "Say why it was entered in error, or give the corrected text." in body(response)
    assert action.corrections.count() == 0

"""Corrections and tasks through the API: the same services and rules as the portal.
A monitoring action, a closure decision, a summary note and an outcome step are
corrected (never edited) and show `correctedBy`; each correction names what it
`corrects`; tasks are given about records the user can see and completed by their
assignee only."""

import pytest
from django.db import connection

from casework.safeguarding.models import ClosureDecision, MonitoringAction
from casework.safeguarding.services.closure import closure_request_decide
from casework.worklist.models import Task, TaskStatus
from customers.models import OutcomeStep, StepKind
from customers.services.outcomes import outcome_step_record
from referrals.services.cases import case_create, case_note_add
from tests.customers.journey import TODAY, adviser_at, inside, received_copy, refer
from tests.graphql_api.helpers import global_id, run
from tests.partners import PASSWORD
from tests.referrals.helpers import consented_caller
from tests.tenants.accounts.helpers import make_user

ERRORS = "errors { field message code }"
ACTION = f"""mutation($id: ID!, $kind: String!, $text: String!) {{
  monitoringActionCorrect(monitoringActionId: $id, input: {{kind: $kind, text: $text}}) {{
    correction {{ kind kindLabel text authorName corrects {{ id actionsTaken }} }}
    monitoringAction {{ id actionsTaken correctedBy {{ text }} }} {ERRORS} }} }}"""
DECISION = f"""mutation($id: ID!) {{
  closureDecisionCorrect(closureDecisionId: $id, input: {{kind: "corrected", text: "Not yet"}})
  {{ correction {{ text corrects {{ comment }} }} {ERRORS} }} }}"""
NOTE = f"""mutation($id: ID!) {{
  caseNoteCorrect(noteId: $id, input: {{kind: "error", text: "Wrong caller"}})
  {{ correction {{ text }} note {{ id text correctedBy {{ kindLabel text }} }} {ERRORS} }} }}"""
STEP = f"""mutation($id: ID!) {{
  outcomeStepCorrect(outcomeStepId: $id, input: {{kind: "error", text: "Did not attend"}})
  {{ correction {{ kind corrects {{ id kind }} }} outcomeStep {{ correctedBy {{ text }} }}
     {ERRORS} }} }}"""
TASK = f"""mutation($r: ID!, $a: ID!, $title: String!) {{ taskCreate(input: {{recordId: $r,
  assigneeId: $a, title: $title, dueOn: "{TODAY}", notes: "Ask about attendance"}})
  {{ task {{ id title notes dueOn status linkUrl }} {ERRORS} }} }}"""
DONE = f"""mutation($t: ID!) {{ taskComplete(taskId: $t) {{ task {{ status }} {ERRORS} }} }}"""


def test_a_monitoring_action_is_corrected_and_the_case_lists_it(world):
    owner, other = world.users["owner"], world.users["other"]
    action = MonitoringAction.objects.get(case=world.case)
    read = run(
        owner,
        "query($id: ID!) { node(id: $id) { ... on SafeguardingCase { monitoringActions "
        "{ edges { node { id } } } } } }",
        {"id": global_id("SafeguardingCase", world.case)},
    )
    action_id = read.data["node"]["monitoringActions"]["edges"][0]["node"]["id"]
    assert action_id == global_id("MonitoringAction", action)
    # Someone who cannot see the case: not found, nothing written.
    refused = run(other, ACTION, {"id": action_id, "kind": "error", "text": "x"})
    assert [e["code"] for e in refused.data["monitoringActionCorrect"]["errors"]] == ["NOT_FOUND"]
    bad = run(owner, ACTION, {"id": action_id, "kind": "rewrite", "text": ""})
    fields = {e["field"] for e in bad.data["monitoringActionCorrect"]["errors"]}
    assert fields == {"kind", "text"}
    result = run(owner, ACTION, {"id": action_id, "kind": "corrected", "text": "Met the mother"})
    payload = result.data["monitoringActionCorrect"]
    assert payload["errors"] == []
    assert payload["correction"]["kindLabel"] == "Corrected"
    assert payload["correction"]["corrects"]["actionsTaken"] == "Monitoring marker"
    assert payload["monitoringAction"]["correctedBy"] == [{"text": "Met the mother"}]
    assert action.corrections.count() == 1


def test_a_closure_decision_is_corrected_by_who_decided(world):
    owner, manager = world.users["owner"], world.users["manager"]
    decision = closure_request_decide(
        actor=manager, request=world.closure, approve=False, comment="Wait"
    )
    decision_id = global_id("ClosureDecision", decision)
    refused = run(owner, DECISION, {"id": decision_id}).data["closureDecisionCorrect"]
    assert [e["code"] for e in refused["errors"]] == ["REFUSED"]
    payload = run(manager, DECISION, {"id": decision_id}).data["closureDecisionCorrect"]
    assert payload["errors"] == [] and payload["correction"]["corrects"]["comment"] == "Wait"
    assert ClosureDecision.objects.get(pk=decision.pk).comment == "Wait"


@pytest.fixture
def support_line(partner_b):
    connection.set_tenant(partner_b)
    yield partner_b
    connection.set_schema_to_public()


def test_a_summary_note_is_corrected_by_its_author(support_line):
    handler = make_user(role_key="call-handler", password=PASSWORD)
    colleague = make_user(role_key="call-handler", password=PASSWORD)
    case = case_create(actor=handler, caller=consented_caller(handler), title="Food")
    note = case_note_add(actor=handler, case=case, text="Three children")
    read = run(
        handler,
        "query($id: ID!) { node(id: $id) { ... on SupportCase { notes "
        "{ edges { node { id text } } } } } }",
        {"id": global_id("SupportCase", case)},
    )
    note_id = read.data["node"]["notes"]["edges"][0]["node"]["id"]
    refused = run(colleague, NOTE, {"id": note_id}).data["caseNoteCorrect"]
    assert [e["code"] for e in refused["errors"]] == ["REFUSED"]
    payload = run(handler, NOTE, {"id": note_id}).data["caseNoteCorrect"]
    assert payload["errors"] == []
    assert payload["note"]["text"] == "Three children"
    assert payload["note"]["correctedBy"] == [
        {"kindLabel": "Entered in error", "text": "Wrong caller"}
    ]
    assert note.corrections.count() == 1


def test_an_outcome_step_correction_reaches_the_borough(people, partner_c):
    from tests.customers.journey import a_customer

    sent = refer(people.officer, a_customer(people.officer), partner_c)
    adviser = adviser_at(partner_c)
    with inside(partner_c):
        step = outcome_step_record(
            actor=adviser,
            referral=received_copy(partner_c, sent),
            kind=StepKind.FIRST_ATTENDED,
            on=TODAY,
        )
        step_id = global_id("OutcomeStep", step)
        payload = run(adviser, STEP, {"id": step_id}, partner=partner_c).data["outcomeStepCorrect"]
        assert payload["errors"] == []
        assert payload["correction"]["corrects"]["kind"] == "first_attended"
    # The borough reads the correction on its copy; it cannot correct the step itself.
    refused = run(people.officer, STEP, {"id": step_id}).data["outcomeStepCorrect"]
    assert [e["code"] for e in refused["errors"]] == ["NOT_FOUND"]
    copy = OutcomeStep.objects.get(referral=sent, public_id=step.public_id)
    assert [c.text for c in copy.corrections.all()] == ["Did not attend"]


def test_tasks_are_given_about_visible_records_and_completed_by_the_assignee(world):
    owner, manager, other = world.users["owner"], world.users["manager"], world.users["other"]
    record = global_id("Engagement", world.engagement)
    refused = run(other, TASK, {"r": record, "a": global_id("User", other), "title": "Peek"})
    assert [e["field"] for e in refused.data["taskCreate"]["errors"]] == ["recordId"]
    cannot_see = run(owner, TASK, {"r": record, "a": global_id("User", other), "title": "Go"})
    assert [e["field"] for e in cannot_see.data["taskCreate"]["errors"]] == ["assigneeId"]
    result = run(owner, TASK, {"r": record, "a": global_id("User", manager), "title": "Visit"})
    task = result.data["taskCreate"]["task"]
    assert result.data["taskCreate"]["errors"] == []
    assert task["title"] == "Riverside Families engagement for Z. Q.: Visit"
    assert task["notes"] == "Ask about attendance" and task["status"] == "open"
    # Only the assignee completes it (the giver does not even find it).
    not_theirs = run(owner, DONE, {"t": task["id"]}).data["taskComplete"]
    assert [e["code"] for e in not_theirs["errors"]] == ["NOT_FOUND"]
    done = run(manager, DONE, {"t": task["id"]}).data["taskComplete"]
    assert done["errors"] == [] and done["task"]["status"] == "done"
    assert Task.objects.get(title__endswith=": Visit").status == TaskStatus.DONE

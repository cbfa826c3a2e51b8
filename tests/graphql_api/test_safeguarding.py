"""Safeguarding through the API: the same services and rules as the case screens, and
reading a case's narrative is kept in its reads log like opening it on the portal."""

import pytest

from casework.safeguarding.models import CaseStatus, MonitoringAction, SafeguardingCase
from casework.safeguarding.selectors import READ_ACTION
from tenants.accounts.models import AuditEntry
from tests.graphql_api.helpers import global_id, run

# As in production: the API's work runs as the application role (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("as_app_role")

ERRORS = "errors { field message code }"


def test_open_monitor_submit_and_decide(world):
    w = world
    owner, manager = w.users["owner"], w.users["manager"]
    query = f"""mutation($e: ID!) {{ safeguardingCaseOpen(input: {{engagementId: $e, threshold: "low",
      description: "Concern", raisedWith: "Lead", actionsAgreed: "Watch"}})
      {{ case {{ id reference status nextUpdateDue }} {ERRORS} }} }}"""
    result = run(owner, query, {"e": global_id("Engagement", w.engagement)})
    payload = result.data["safeguardingCaseOpen"]
    assert payload["errors"] == [] and payload["case"]["status"] == "open"
    case_id = payload["case"]["id"]

    query = f"""mutation($c: ID!) {{ monitoringActionAdd(input: {{caseId: $c, actionsTaken: "",
      takenBy: "Staff", rationale: "Why"}}) {{ monitoringAction {{ actionsTaken }} {ERRORS} }} }}"""
    payload = run(owner, query, {"c": case_id}).data["monitoringActionAdd"]
    assert [e["field"] for e in payload["errors"]] == ["actionsTaken"]
    before = MonitoringAction.objects.count()
    query = query.replace('actionsTaken: ""', 'actionsTaken: "Called the family"')
    payload = run(owner, query, {"c": case_id}).data["monitoringActionAdd"]
    assert payload["errors"] == [] and MonitoringAction.objects.count() == before + 1

    submit = f"""mutation($c: ID!, $a: ID!) {{ closureSubmit(input: {{caseId: $c, approverId: $a,
      comment: "Actions done"}}) {{ approvalRequest {{ id case {{ status }} }} {ERRORS} }} }}"""
    # Approving your own request is not possible: you are not among the approvers offered.
    payload = run(owner, submit, {"c": case_id, "a": global_id("User", owner)}).data[
        "closureSubmit"
    ]
    assert payload["errors"][0]["field"] == "approverId"
    payload = run(owner, submit, {"c": case_id, "a": global_id("User", manager)}).data[
        "closureSubmit"
    ]
    assert (
        payload["errors"] == []
        and payload["approvalRequest"]["case"]["status"] == "closure_pending"
    )
    request_id = payload["approvalRequest"]["id"]

    decide = f"""mutation($r: ID!, $ok: Boolean!) {{ closureDecide(input: {{approvalRequestId: $r,
      approve: $ok, comment: "Agreed"}}) {{ approvalRequest {{ decision {{ outcome }} case {{ status }} }} {ERRORS} }} }}"""
    payload = run(owner, decide, {"r": request_id, "ok": True}).data["closureDecide"]
    assert payload["errors"][0]["code"] == "REFUSED"  # not your own request
    payload = run(manager, decide, {"r": request_id, "ok": True}).data["closureDecide"]
    assert payload["errors"] == []
    assert payload["approvalRequest"] == {
        "decision": {"outcome": "approved"},
        "case": {"status": "closed"},
    }
    assert SafeguardingCase.objects.latest("id").status == CaseStatus.CLOSED


def test_reading_a_cases_narrative_is_logged_once_per_request(world):
    w = world
    reads = AuditEntry.objects.filter(action=READ_ACTION, target_public_id=w.case.public_id)
    before = reads.count()
    query = """query($id: ID!) { node(id: $id) { ... on SafeguardingCase { reference status } } }"""
    run(w.users["manager"], query, {"id": global_id("SafeguardingCase", w.case)})
    assert reads.count() == before  # reference and status only: not a read of the case
    query = """query($id: ID!) { node(id: $id) { ... on SafeguardingCase { description
      actionsAgreed monitoringActions(first: 10) { edges { node { actionsTaken authorName } } }
      } } }"""
    result = run(w.users["manager"], query, {"id": global_id("SafeguardingCase", w.case)})
    assert result.data["node"]["description"] == "Case description marker"
    assert (
        result.data["node"]["monitoringActions"]["edges"][0]["node"]["actionsTaken"]
        == "Monitoring marker"
    )
    assert reads.count() == before + 1
    assert reads.latest("id").actor_username == w.users["manager"].username


def test_another_practitioner_cannot_add_to_a_case_they_cannot_see(world):
    w = world
    before = MonitoringAction.objects.count()
    query = f"""mutation($c: ID!) {{ monitoringActionAdd(input: {{caseId: $c, actionsTaken: "x",
      takenBy: "y", rationale: "z"}}) {{ monitoringAction {{ actionsTaken }} {ERRORS} }} }}"""
    payload = run(w.users["other"], query, {"c": global_id("SafeguardingCase", w.case)}).data
    assert payload["monitoringActionAdd"]["errors"][0]["code"] == "NOT_FOUND"
    assert MonitoringAction.objects.count() == before

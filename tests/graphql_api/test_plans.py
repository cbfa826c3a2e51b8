"""Case plans through the API: read by whoever may see the engagement (another partner's
or a colleague's unseen engagement: null), written through the same services, refusals
as field errors, approval never by the submitter, a constant number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.models import Programme
from casework.plans.models import PlanSettings
from tests.casework.plans.helpers import plan_world
from tests.graphql_api.helpers import global_id, run

PLAN = """query($e: ID!) { casePlan(engagementId: $e) { id status reviewOn engagementId
  goals { id what why byWhen who actions { id what dueOn status owner { fullName } } }
  reviews { comment nextReviewOn authorName progress { goalId goal progress comment } }
  approvalRequests { comment submittedBy { fullName } approver { fullName }
                     decision { outcome comment decidedBy { fullName } } } } }"""
ERRORS = "errors { field message code }"


@pytest.fixture
def w(partner_a, partner_b):
    connection.set_tenant(partner_a)
    programme = Programme.objects.create(name="Plans Families", code_prefix="PF")
    return plan_world(partner_a, partner_b, programme)


def test_who_reads_the_plan(w):
    e = {"e": global_id("Engagement", w.engagement)}
    for who in (w.owner, w.shared, w.manager, w.dsl):
        result = run(who, PLAN, e)
        assert result.errors is None, result.errors
        [goal] = result.data["casePlan"]["goals"]
        assert goal["what"] == "Goal marker: settle at nursery"
        assert goal["actions"][0]["what"] == "Action marker: visit nursery with mum"
    for who in (w.other, w.editor):
        assert run(who, PLAN, e).data["casePlan"] is None
    connection.set_tenant(w.partner_b)
    result = run(w.stranger, PLAN, e, partner=w.partner_b)
    connection.set_tenant(w.partner_a)
    assert result.data["casePlan"] is None


def test_the_plan_costs_the_same_for_a_bigger_plan(w):
    e = {"e": global_id("Engagement", w.engagement)}
    review = f"""mutation($p: ID!, $g: ID!) {{ planReviewRecord(input: {{planId: $p,
      comment: "Fine", nextReviewOn: "2099-01-01", progress: [{{goalId: $g,
      progress: "in_progress"}}]}}) {{ review {{ comment }} {ERRORS} }} }}"""
    ids = {"p": global_id("CasePlan", w.plan), "g": global_id("PlanGoal", w.goal)}
    assert run(w.owner, review, ids).data["planReviewRecord"]["errors"] == []
    with CaptureQueriesContext(connection) as few:
        run(w.owner, PLAN, e)
    add_goal = f"""mutation($p: ID!, $what: String!) {{ planGoalAdd(input: {{planId: $p,
      what: $what, byWhen: "2099-02-01"}}) {{ goal {{ id }} {ERRORS} }} }}"""
    add_action = f"""mutation($g: ID!, $u: ID!) {{ planActionAdd(input: {{goalId: $g,
      what: "More", ownerId: $u, dueOn: "2099-01-05"}}) {{ action {{ id }} {ERRORS} }} }}"""
    for i in range(3):
        data = run(w.owner, add_goal, {"p": ids["p"], "what": f"Goal {i}"}).data
        goal_id = data["planGoalAdd"]["goal"]["id"]
        data = run(w.owner, add_action, {"g": goal_id, "u": global_id("User", w.shared)}).data
        assert data["planActionAdd"]["errors"] == []
    with CaptureQueriesContext(connection) as many:
        result = run(w.owner, PLAN, e)
    assert len(result.data["casePlan"]["goals"]) == 4
    assert len(many.captured_queries) <= len(few.captured_queries)


def test_writes_and_refusals_as_field_errors(w):
    g = {"g": global_id("PlanGoal", w.goal)}
    update = f"""mutation($g: ID!, $what: String, $reason: String!) {{ planGoalUpdate(goalId: $g,
      input: {{what: $what, reason: $reason}}) {{ goal {{ what }} {ERRORS} }} }}"""
    data = run(w.owner, update, g | {"what": " ", "reason": ""}).data["planGoalUpdate"]
    assert [e["field"] for e in data["errors"]] == ["what"]
    data = run(w.owner, update, g | {"what": "Settled", "reason": ""}).data["planGoalUpdate"]
    assert data["goal"]["what"] == "Settled" and data["errors"] == []
    # A colleague who may not see the engagement: not found, nothing changed.
    data = run(w.other, update, g | {"what": "Forged", "reason": ""}).data["planGoalUpdate"]
    assert [e["code"] for e in data["errors"]] == ["NOT_FOUND"]
    action = f"""mutation($a: ID!) {{ planActionUpdate(actionId: $a, input: {{status: "done"}})
      {{ action {{ status }} {ERRORS} }} }}"""
    data = run(w.shared, action, {"a": global_id("PlanAction", w.action)}).data
    assert data["planActionUpdate"]["action"]["status"] == "done"
    bad = f"""mutation($e: ID!) {{ casePlanCreate(input: {{engagementId: $e,
      reviewOn: "2001-01-01"}}) {{ plan {{ id }} {ERRORS} }} }}"""
    data = run(w.owner, bad, {"e": global_id("Engagement", w.engagement)}).data
    assert [e["field"] for e in data["casePlanCreate"]["errors"]] == ["reviewOn"]


def test_approval_never_by_the_submitter(w):
    from casework.plans import services
    from tests.casework.screens import new_child, new_engagement

    PlanSettings.objects.update_or_create(pk=1, defaults={"approval_required": True})
    child = new_child(w.owner, first="Api", last="Approval")
    engagement = new_engagement(w.owner, child, w.engagement.programme)
    create = f"""mutation($e: ID!) {{ casePlanCreate(input: {{engagementId: $e,
      reviewOn: "{date.today() + timedelta(days=9)}"}}) {{ plan {{ id status }} {ERRORS} }} }}"""
    plan = run(w.owner, create, {"e": global_id("Engagement", engagement)}).data
    plan = plan["casePlanCreate"]["plan"]
    assert plan["status"] == "draft"
    services.goal_add(actor=w.owner, plan=engagement.case_plan, what="Api goal")
    submit = f"""mutation($p: ID!, $u: ID!) {{ casePlanSubmit(planId: $p, approverId: $u)
      {{ plan {{ status }} {ERRORS} }} }}"""
    data = run(w.owner, submit, {"p": plan["id"], "u": global_id("User", w.owner)}).data
    assert [e["field"] for e in data["casePlanSubmit"]["errors"]] == ["approver"]
    data = run(w.owner, submit, {"p": plan["id"], "u": global_id("User", w.manager)}).data
    assert data["casePlanSubmit"]["plan"]["status"] == "awaiting_approval"
    decide = f"""mutation($p: ID!, $yes: Boolean!, $c: String!) {{ casePlanDecide(planId: $p,
      approve: $yes, comment: $c) {{ plan {{ status approvalRequests {{ decision {{ outcome }} }} }}
      {ERRORS} }} }}"""
    data = run(w.owner, decide, {"p": plan["id"], "yes": True, "c": ""}).data
    assert data["casePlanDecide"]["errors"][0]["code"] == "REFUSED"
    data = run(w.manager, decide, {"p": plan["id"], "yes": False, "c": ""}).data
    assert [e["field"] for e in data["casePlanDecide"]["errors"]] == ["comment"]
    data = run(w.manager, decide, {"p": plan["id"], "yes": True, "c": "Good plan"}).data
    payload = data["casePlanDecide"]
    assert payload["plan"]["status"] == "in_force"
    assert payload["plan"]["approvalRequests"][0]["decision"]["outcome"] == "approved"

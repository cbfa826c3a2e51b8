"""Case plans: goals, actions and reviews; who reads and writes them (filtered in SQL);
changes kept on History with reasons; reviews and approval decisions only added to;
approval never by the submitter; overdue actions and reviews on the owner's home page and
in their tasks; every plans screen refusing who may not see it."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casework.plans import policy, selectors, services
from casework.plans.models import (
    ApprovalDecision,
    ApprovalRequest,
    CasePlan,
    Goal,
    GoalEvent,
    PlanAction,
    PlanReview,
    PlanSettings,
    PlanStatus,
)
from casework.services.engagements import engagement_close
from casework.worklist.models import Task, TaskStatus
from tests.casework.plans.helpers import plan_world
from tests.casework.screens import body, new_child, new_engagement, today_text
from tests.clients import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(partner_a, partner_b, programme):
    return plan_world(partner_a, partner_b, programme)


def _visible(user):
    return set(selectors.plans_visible_to(user=user).values_list("pk", flat=True))


def test_who_sees_the_plan_in_sql_and_in_policy(w):
    for user in (w.owner, w.shared, w.manager, w.dsl):
        assert _visible(user) == {w.plan.pk}
        assert policy.can_see_plan(user, w.plan)
    for user in (w.other, w.editor):
        assert _visible(user) == set()
        assert not policy.can_see_plan(user, w.plan)
    # The contact's tab counts only the plans of engagements the user may see.
    assert selectors.plans_count(user=w.other, contact=w.child) == 0
    assert selectors.plans_count(user=w.shared, contact=w.child) == 1
    with pytest.raises(PermissionDenied):
        services.goal_add(actor=w.other, plan=w.plan, what="Not mine")
    # A shared colleague records casework on it too.
    services.goal_add(actor=w.shared, plan=w.plan, what="Shared goal")


def test_one_plan_per_engagement_and_bad_input_names_fields(w):
    with pytest.raises(ValidationError, match="already has a case plan"):
        services.plan_create(actor=w.owner, engagement=w.engagement, review_on=timezone.localdate())
    with pytest.raises(ValidationError) as refused:
        services.action_add(
            actor=w.owner, goal=w.goal, what=" ", owner=w.other, due_on=None, status="maybe"
        )
    assert set(refused.value.message_dict) == {"what", "owner", "due_on", "status"}
    assert "cannot see this engagement" in refused.value.message_dict["owner"][0]
    with pytest.raises(ValidationError) as refused:
        services.goal_add(actor=w.owner, plan=w.plan, what="Nul\x00byte")
    assert "what" in refused.value.message_dict
    assert Goal.objects.count() == 1 and PlanAction.objects.count() == 1


def test_changes_are_kept_with_reasons_once_approved(w):
    services.goal_update(actor=w.owner, goal=w.goal, what="Goal marker: settled at nursery")
    events = GoalEvent.objects.filter(pgh_obj=w.goal).order_by("pgh_id")
    assert [e.what for e in events] == [
        "Goal marker: settle at nursery",
        "Goal marker: settled at nursery",
    ]
    assert events.last().pgh_context["user"] == w.owner.pk
    # Once approved, a change needs a reason, and History shows it.
    CasePlan.objects.filter(pk=w.plan.pk).update(approved_at=timezone.now())
    w.goal.plan.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.goal_update(actor=w.owner, goal=w.goal, who="Dad too")
    assert "reason" in refused.value.message_dict
    services.goal_update(actor=w.owner, goal=w.goal, who="Dad too", reason="Dad moved back")
    # Moving an action along needs none.
    services.action_update(actor=w.owner, action=w.action, status="in_progress")
    services.action_remove(actor=w.owner, action=w.action, reason="Entered in error")
    assert selectors.action_get(user=w.owner, public_id=w.action.public_id) is None
    page = body(signed_in(w.partner_a, w.owner).get(f"/plans/{w.plan.public_id}/history/"))
    assert "Dad moved back" in page and "Entered in error" in page and "Dad too" in page


def test_a_review_records_each_goal_and_is_only_added_to(w):
    later = timezone.localdate() + timedelta(days=42)
    with pytest.raises(ValidationError) as refused:
        services.review_record(
            actor=w.owner, plan=w.plan, progress={}, comment="", next_review_on=date(2000, 1, 1)
        )
    assert {"comment", "next_review_on", f"goal_{w.goal.public_id}"} <= set(
        refused.value.message_dict
    )
    review = services.review_record(
        actor=w.owner,
        plan=w.plan,
        progress={str(w.goal.public_id): ("in_progress", "Two good mornings")},
        comment="Review marker",
        next_review_on=later,
    )
    w.plan.refresh_from_db()
    assert w.plan.review_on == later
    assert [(p.goal, p.progress) for p in review.progress.all()] == [(w.goal, "in_progress")]
    with pytest.raises(DatabaseError), transaction.atomic():
        PlanReview.objects.filter(pk=review.pk).update(comment="Rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        review.progress.all().delete()


def _approval_on(w):
    PlanSettings.objects.update_or_create(pk=1, defaults={"approval_required": True})
    child = new_child(w.owner, first="Ada", last="Approval")
    engagement = new_engagement(w.owner, child, w.engagement.programme)
    plan = services.plan_create(
        actor=w.owner, engagement=engagement, review_on=timezone.localdate() + timedelta(days=9)
    )
    return plan


def test_approval_by_the_line_manager_never_by_the_submitter(w):
    plan = _approval_on(w)
    assert plan.status == PlanStatus.DRAFT
    with pytest.raises(ValidationError, match="goal"):
        services.approval_submit(actor=w.owner, plan=plan, approver=w.manager)
    services.goal_add(actor=w.owner, plan=plan, what="Approval goal")
    with pytest.raises(ValidationError) as refused:
        services.approval_submit(actor=w.owner, plan=plan, approver=w.owner)
    assert "approver" in refused.value.message_dict
    with pytest.raises(ValidationError, match="in force"):
        services.review_record(
            actor=w.owner, plan=plan, progress={}, comment="x", next_review_on=date(2099, 1, 1)
        )
    request = services.approval_submit(actor=w.owner, plan=plan, approver=w.manager)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AWAITING_APPROVAL
    # Nothing changes while it waits; the submitter never decides; another practitioner
    # neither.
    with pytest.raises(PermissionDenied, match="waiting for approval"):
        services.goal_add(actor=w.owner, plan=plan, what="Sneaked in")
    with pytest.raises(PermissionDenied, match="your own"):
        services.approval_decide(actor=w.owner, request=request, approve=True)
    with pytest.raises(PermissionDenied):
        services.approval_decide(actor=w.other, request=request, approve=True)
    with pytest.raises(ValidationError) as refused:
        services.approval_decide(actor=w.manager, request=request, approve=False, comment="")
    assert "comment" in refused.value.message_dict
    services.approval_decide(
        actor=w.manager, request=request, approve=False, comment="Add a goal about sleep"
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.approved_at is None
    second = services.approval_submit(actor=w.owner, plan=plan, approver=w.manager)
    # A DSL may decide for the line manager (the safeguarding rule, shared).
    decision = services.approval_decide(actor=w.dsl, request=second, approve=True)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_FORCE and plan.approved_at is not None
    with pytest.raises(ValidationError, match="already"):
        services.approval_decide(actor=w.manager, request=second, approve=False, comment="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        ApprovalDecision.objects.filter(pk=decision.pk).update(comment="Rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        ApprovalRequest.objects.filter(plan=plan).delete()
    # Approved: a change now needs a reason.
    goal = plan.goals.get()
    with pytest.raises(ValidationError):
        services.goal_update(actor=w.owner, goal=goal, what="Changed quietly")


def test_only_managers_change_the_setting_and_an_ended_engagement_only_theirs(w):
    with pytest.raises(PermissionDenied):
        services.plan_settings_update(actor=w.owner, approval_required=True)
    services.plan_settings_update(actor=w.manager, approval_required=True)
    assert selectors.plan_settings().approval_required
    engagement_close(
        actor=w.owner, engagement=w.engagement, stage="closed", closed_on=timezone.localdate()
    )
    w.plan.refresh_from_db()
    with pytest.raises(PermissionDenied, match="ended"):
        services.goal_add(actor=w.owner, plan=w.plan, what="Late goal")
    services.goal_add(actor=w.manager, plan=w.plan, what="Closing goal")


def test_the_portal_writes_a_plan_end_to_end(w):
    client = signed_in(w.partner_a, w.owner)
    child = new_child(w.owner, first="Port", last="Al")
    engagement = new_engagement(w.owner, child, w.engagement.programme)
    base = f"/engagements/{engagement.public_id}/plans/"
    assert "Start a case plan" in body(client.get(base))
    response = client.post(base + "new/", {"review_on": "31/2/2026"})
    assert "Enter a real date" in body(response)
    response = client.post(base + "new/", {"review_on": today_text(-14)})
    assert response.status_code == 302
    plan = CasePlan.objects.get(engagement=engagement)
    response = client.post(f"/plans/{plan.public_id}/goals/new/", {"what": ""})
    assert "Enter the goal" in body(response)
    client.post(f"/plans/{plan.public_id}/goals/new/", {"what": "Portal goal", "who": "Mum"})
    goal = plan.goals.get()
    response = client.post(
        f"/plan-goals/{goal.public_id}/actions/new/",
        {
            "what": "Portal action",
            "owner": str(w.owner.public_id),
            "due_on": today_text(-3),
            "status": "to_do",
        },
    )
    assert response.status_code == 302, body(response)
    action = goal.actions.get()
    response = client.post(
        f"/plan-actions/{action.public_id}/edit/",
        {
            "what": "Portal action",
            "owner": str(w.owner.public_id),
            "due_on": today_text(-3),
            "status": "done",
            "change-reason": "",
        },
    )
    assert response.status_code == 302, body(response)
    response = client.post(
        f"/plans/{plan.public_id}/reviews/new/",
        {
            "comment": "Portal review",
            "next_review_on": today_text(-30),
            f"goal_{goal.public_id}": "achieved",
            f"note_{goal.public_id}": "Done and dusted",
        },
    )
    assert response.status_code == 302, body(response)
    response = client.post(
        f"/plan-goals/{goal.public_id}/edit/", {"remove": "1", "remove-reason": ""}
    )
    assert "Say why it is being removed" in body(response)
    page = body(client.get(base))
    assert "Portal goal" in page and "Done and dusted" in page and "Achieved" in page
    contact_page = body(client.get(f"/contacts/{child.public_id}/plans/"))
    assert "Portal goal" in contact_page and 'data-testid="plans-tab"' in contact_page


def test_the_plans_tab_costs_the_same_for_a_bigger_plan(w, django_assert_max_num_queries):
    def review():
        services.review_record(
            actor=w.owner,
            plan=w.plan,
            progress={str(g.public_id): ("in_progress", "") for g in w.plan.goals.all()},
            comment="Again",
            next_review_on=date(2099, 1, 1),
        )

    review()  # one of each kind of row, so every prefetch runs in both counts
    client = signed_in(w.partner_a, w.owner)
    url = f"/contacts/{w.child.public_id}/plans/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(4):
        goal = services.goal_add(actor=w.owner, plan=w.plan, what=f"Goal {i}")
        services.action_add(
            actor=w.owner,
            goal=goal,
            what=f"Action {i}",
            owner=w.shared,
            due_on=date(2099, 1, i + 1),
        )
    review()
    review()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_overdue_actions_and_reviews_on_the_home_page_and_as_tasks(w):
    """Frozen a month on: the action (due in a week) and the review (in four weeks) are
    overdue; the sweep gives each owner a task once; doing the work completes it."""
    services.action_add(
        actor=w.owner, goal=w.goal, what="Shared's action marker", owner=w.shared,
        due_on=timezone.localdate() + timedelta(days=3),
    )  # fmt: skip
    later = timezone.now() + timedelta(days=35)
    with time_machine.travel(later, tick=False):
        home = body(signed_in(w.partner_a, w.owner).get("/"))
        panel = home.split('data-testid="panel-plans"', 1)[1].split("</section>", 1)[0]
        assert "Action marker: visit nursery with mum" in panel
        assert "Review the plan of" in panel
        assert "Shared&#x27;s action marker" not in panel
        connection.set_tenant(w.partner_a)
        first = services.overdue_sweep()
        again = services.overdue_sweep()
        assert (first.created, again.created, again.skipped) == (3, 0, 3)
        mine = Task.objects.filter(assignee=w.owner, status=TaskStatus.OPEN)
        assert {t.title.split(" overdue")[0] for t in mine} == {
            "Case plan action for K. P.",
            "Case plan review for K. P.",
        }
        assert Task.objects.filter(assignee=w.shared).count() == 1
        tasks = body(signed_in(w.partner_a, w.owner).get("/tasks/"))
        assert "Case plan review for K. P. overdue" in tasks
        connection.set_tenant(w.partner_a)
        services.action_update(actor=w.owner, action=w.action, status="done")
        services.review_record(
            actor=w.owner,
            plan=w.plan,
            progress={str(w.goal.public_id): ("achieved", "")},
            comment="Caught up",
            next_review_on=timezone.localdate() + timedelta(days=30),
        )
        assert not Task.objects.filter(assignee=w.owner, status=TaskStatus.OPEN).exists()
        assert services.overdue_sweep().created == 0
        home = body(signed_in(w.partner_a, w.owner).get("/"))
        assert 'data-testid="plans-overdue-none"' in home


def _urls(w):
    e, p, g, a = (
        w.engagement.public_id,
        w.plan.public_id,
        w.goal.public_id,
        w.action.public_id,
    )
    return {
        "contact_plans": f"/contacts/{w.child.public_id}/plans/",
        "engagement_plans": f"/engagements/{e}/plans/",
        "plan_new": f"/engagements/{e}/plans/new/",
        "plan_goal_new": f"/plans/{p}/goals/new/",
        "plan_review_new": f"/plans/{p}/reviews/new/",
        "plan_submit": f"/plans/{p}/submit/",
        "plan_decide": f"/plans/{p}/decide/",
        "plan_history": f"/plans/{p}/history/",
        "plan_goal_edit": f"/plan-goals/{g}/edit/",
        "plan_action_new": f"/plan-goals/{g}/actions/new/",
        "plan_action_edit": f"/plan-actions/{a}/edit/",
        "plan_settings": "/plan-settings/",
    }


OK, NF, NO = 200, 404, 403
WHO = ("owner", "other", "shared", "manager", "dsl", "editor", "stranger")
ENGAGEMENT_SEEN = (OK, NF, OK, OK, OK, NF, NF)
EXPECTED = {
    "contact_plans": (OK, OK, OK, OK, OK, NF, NF),
    "engagement_plans": ENGAGEMENT_SEEN,
    "plan_new": ENGAGEMENT_SEEN,
    "plan_goal_new": ENGAGEMENT_SEEN,
    "plan_review_new": ENGAGEMENT_SEEN,
    "plan_submit": ENGAGEMENT_SEEN,
    # Sent by the owner to their line manager: never the submitter; a DSL may cover.
    "plan_decide": (NO, NF, NO, OK, OK, NF, NF),
    "plan_history": ENGAGEMENT_SEEN,
    "plan_goal_edit": ENGAGEMENT_SEEN,
    "plan_action_new": ENGAGEMENT_SEEN,
    "plan_action_edit": ENGAGEMENT_SEEN,
    "plan_settings": (NO, NO, NO, OK, OK, NO, NO),  # a DSL is a manager too
}


READ_ONLY = {"contact_plans", "engagement_plans", "plan_history"}


def test_every_plans_screen_refuses_who_may_not_see_it(w, client_a):
    # A request waiting for the line manager (rows made directly: the plan is in force).
    ApprovalRequest.objects.create(
        plan=w.plan, submitted_by=w.owner, approver=w.manager, comment="Matrix"
    )
    urls = _urls(w)
    before = (Goal.objects.count(), PlanAction.objects.count(), ApprovalDecision.objects.count())
    forged = {"what": "Forged", "comment": "Forged", "decision": "approve", "remove": "1"}
    clients = {}
    for name, expected_row in EXPECTED.items():
        for who, expected in zip(WHO, expected_row, strict=True):
            partner = w.partner_b if who == "stranger" else w.partner_a
            if who not in clients:
                clients[who] = signed_in(partner, getattr(w, who))
            assert clients[who].get(urls[name]).status_code == expected, (who, name)
            if expected != OK and name not in READ_ONLY:
                clients[who].post(urls[name], forged | {"remove-reason": "Forged"})
            connection.set_tenant(w.partner_a)
        response = client_a.get(urls[name])
        assert response.status_code == 302 and "/sign-in/" in response["Location"]
    after = (Goal.objects.count(), PlanAction.objects.count(), ApprovalDecision.objects.count())
    assert after == before
    assert not Goal.objects.filter(what="Forged").exists()
    assert not Goal.objects.filter(removed_at__isnull=False).exists()


def test_the_demo_child_has_a_plan_under_review(partner_a):
    from casework.demo import casework_demo_seed
    from casework.plans.demo import plans_demo_seed
    from casework.safeguarding.demo import safeguarding_demo_seed
    from tenants.accounts.models import User

    connection.set_tenant(partner_a)
    practitioner = User.objects.get(username="practitioner")
    manager = User.objects.get(username="manager")
    casework_demo_seed(practitioner=practitioner, manager=manager)
    safeguarding_demo_seed(practitioner=practitioner, manager=manager)
    plans_demo_seed(practitioner=practitioner, manager=manager)
    plans_demo_seed(practitioner=practitioner, manager=manager)  # idempotent
    plan = CasePlan.objects.get()
    assert plan.status == PlanStatus.IN_FORCE and plan.reviews.count() == 1
    assert plan.approval_requests.get().decision.outcome == "approved"
    home = body(signed_in(partner_a, practitioner).get("/"))
    assert "Share the bedtime routine chart" in home

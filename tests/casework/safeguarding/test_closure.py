"""Closure by approval: the state machine, every bad transition (a clear message,
nothing changed), notifications, and that the engagement stays open."""

import pytest
from django.core.exceptions import ValidationError

from casework.models import Stage
from casework.safeguarding.models import CaseStatus, ClosureDecision, ClosureRequest
from casework.safeguarding.policy import CaseworkRefused
from casework.safeguarding.services.cases import monitoring_action_add
from casework.safeguarding.services.closure import closure_request_decide, closure_request_submit
from casework.worklist.models import Notification, Task, TaskStatus
from tests.casework.safeguarding.helpers import raise_concern
from tests.casework.screens import user_with


@pytest.fixture
def case(world):
    return raise_concern(world.owner, world.engagement)


def submit(world, case, approver=None, comment="All agreed actions done"):
    return closure_request_submit(
        actor=world.owner, case=case, approver=approver or world.manager, comment=comment
    )


def snapshot(case):
    case.refresh_from_db()
    return (
        case.status,
        case.next_update_due,
        case.closed_on,
        ClosureRequest.objects.filter(case=case).count(),
        ClosureDecision.objects.filter(request__case=case).count(),
    )


def test_approved_closes_the_case_not_the_engagement(world, case):
    request = submit(world, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSURE_PENDING
    assert Notification.objects.filter(
        recipient=world.manager, link_url__contains=str(case.public_id)
    ).exists()
    closure_request_decide(actor=world.manager, request=request, approve=True, comment="Agreed")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closed_on is not None
    assert case.next_update_due is None
    world.engagement.refresh_from_db()
    assert world.engagement.stage == Stage.IN_PROGRESS
    note = Notification.objects.get(recipient=world.owner, title__contains="closure approved")
    assert "Agreed" not in note.body  # the comment stays in the portal
    # The owner's "new case" task is done once the case is closed; other tasks stay open.
    assert not Task.objects.filter(
        assignee=world.owner, link_url__contains=str(case.public_id), status=TaskStatus.OPEN
    ).exists()
    assert Task.objects.filter(assignee=world.owner, status=TaskStatus.DONE).count() == 1


def test_a_rejected_request_leaves_the_owners_task_open(world, case):
    request = submit(world, case)
    closure_request_decide(actor=world.manager, request=request, approve=False, comment="No")
    assert (
        Task.objects.get(assignee=world.owner, link_url__contains=str(case.public_id)).status
        == TaskStatus.OPEN
    )


def test_rejected_stays_open_and_a_new_request_can_follow(world, case):
    first = submit(world, case)
    closure_request_decide(actor=world.manager, request=first, approve=False, comment="Not yet")
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.next_update_due is not None
    assert Notification.objects.filter(recipient=world.owner, title__contains="rejected").exists()
    second = submit(world, case, approver=world.dsl)
    closure_request_decide(actor=world.dsl, request=second, approve=True, comment="Fine now")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert [r.decision.outcome for r in case.closure_requests.order_by("id")] == [
        "rejected",
        "approved",
    ]


def test_one_pending_request_at_a_time(world, case):
    submit(world, case)
    before = snapshot(case)
    with pytest.raises(ValidationError, match="already waiting for a decision"):
        submit(world, case, approver=world.dsl)
    assert snapshot(case) == before


def test_deciding_twice_is_refused(world, case):
    request = submit(world, case)
    closure_request_decide(actor=world.manager, request=request, approve=False, comment="No")
    before = snapshot(case)
    with pytest.raises(ValidationError, match="already been decided"):
        closure_request_decide(actor=world.manager, request=request, approve=True, comment="Yes")
    assert snapshot(case) == before


def test_nobody_decides_their_own_request(world):
    # A manager who owns a case cannot approve its closure themselves, even as approver.
    case = raise_concern(world.manager, world.engagement)
    with pytest.raises(ValidationError) as refused:
        closure_request_submit(actor=world.manager, case=case, approver=world.manager, comment="x")
    assert "approve your own request" in str(refused.value)
    request = closure_request_submit(
        actor=world.manager, case=case, approver=world.dsl, comment="x"
    )
    before = snapshot(case)
    with pytest.raises(CaseworkRefused, match="your own closure request"):
        closure_request_decide(actor=world.manager, request=request, approve=True, comment="ok")
    assert snapshot(case) == before


def test_a_practitioner_cannot_decide_or_be_the_approver(world, case):
    with pytest.raises(ValidationError, match="must be a manager or designated"):
        submit(world, case, approver=world.other)
    request = submit(world, case)
    before = snapshot(case)
    with pytest.raises(CaseworkRefused, match="Only a manager"):
        closure_request_decide(actor=world.other, request=request, approve=True, comment="ok")
    assert snapshot(case) == before


def test_another_manager_cannot_decide_a_request_sent_to_someone_else(world, case):
    request = submit(world, case)
    second_manager = user_with("manager")
    with pytest.raises(CaseworkRefused, match="sent to someone else"):
        closure_request_decide(actor=second_manager, request=request, approve=True, comment="ok")
    # A DSL may cover for the approver.
    closure_request_decide(actor=world.dsl, request=request, approve=True, comment="Covering")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_nothing_on_a_closed_case(world, case):
    request = submit(world, case)
    closure_request_decide(actor=world.manager, request=request, approve=True, comment="ok")
    before = snapshot(case)
    with pytest.raises(ValidationError, match="already closed"):
        submit(world, case)
    with pytest.raises(ValidationError, match="closed, so it takes no new updates"):
        monitoring_action_add(
            actor=world.owner, case=case, actions_taken="x", taken_by="x", rationale="x"
        )
    assert snapshot(case) == before


def test_a_request_needs_a_comment_and_an_approver(world, case):
    with pytest.raises(ValidationError) as refused:
        closure_request_submit(actor=world.owner, case=case, approver=None, comment=" ")
    assert set(refused.value.message_dict) == {"comment", "approver"}
    request = submit(world, case)
    with pytest.raises(ValidationError, match="reasons for your decision"):
        closure_request_decide(actor=world.manager, request=request, approve=True, comment="")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSURE_PENDING


def test_someone_who_cannot_see_the_case_cannot_submit(world, case):
    with pytest.raises(CaseworkRefused):
        closure_request_submit(actor=world.other, case=case, approver=world.manager, comment="x")
    assert case.closure_requests.count() == 0


def test_the_line_manager_and_dsls_hear_of_a_new_case_and_the_approver_sees_the_request(world):
    case = raise_concern(world.owner, world.engagement)
    for lead in (world.manager, world.dsl):
        assert Notification.objects.filter(
            recipient=lead, title__startswith=f"New safeguarding case {case.reference}"
        ).exists()
    assert not Notification.objects.filter(recipient=world.owner).exists()
    submit(world, case)
    from casework.safeguarding.selectors import requests_awaiting

    assert [r.case for r in requests_awaiting(user=world.manager)] == [case]
    assert list(requests_awaiting(user=world.dsl)) == []
    assert list(requests_awaiting(user=world.owner)) == []

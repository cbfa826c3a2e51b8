"""Raising a concern, monitoring actions, the local authority notification, reads in
the audit log, and the database refusing to rewrite the history."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from casework.models import Stage
from casework.safeguarding import selectors
from casework.safeguarding.models import ClosureDecision, ClosureRequest, MonitoringAction
from casework.safeguarding.policy import CaseworkRefused
from casework.safeguarding.services.cases import (
    case_read_record,
    case_record_la_notification,
    monitoring_action_add,
)
from casework.safeguarding.services.closure import closure_request_decide, closure_request_submit
from casework.services.engagements import engagement_close, engagement_share
from casework.worklist.models import Task
from tests.casework.safeguarding.helpers import raise_concern


def test_raising_a_concern_numbers_it_and_gives_the_owner_a_task(world):
    first = raise_concern(world.owner, world.engagement)
    second = raise_concern(world.owner, world.engagement, threshold="low")
    assert second.number == first.number + 1
    assert first.reference.startswith("SG-")
    task = Task.objects.get(assignee=world.owner, link_url=f"/cases/{first.public_id}/")
    child = world.child
    initials = f"{child.first_name[0]}. {child.last_name[0]}."
    # What it is about, with the child's initials only: titles go into emails.
    assert task.title == f"{first.reference}: new safeguarding case for {initials}"
    assert child.first_name not in task.title and child.last_name not in task.title
    assert task.due_on == first.next_update_due


def test_a_concern_needs_its_fields(world):
    with pytest.raises(ValidationError) as refused:
        raise_concern(
            world.owner, world.engagement, threshold="medium", description="", actions_agreed=""
        )
    assert set(refused.value.message_dict) == {"threshold", "description", "actions_agreed"}
    with pytest.raises(ValidationError, match="future"):
        raise_concern(world.owner, world.engagement, opened_on=date.today() + timedelta(days=1))


def test_a_closed_engagement_takes_no_new_case(world):
    engagement_close(actor=world.owner, engagement=world.engagement, closed_on=date.today())
    with pytest.raises(ValidationError, match="This engagement is closed"):
        raise_concern(world.owner, world.engagement)


def test_closing_the_engagement_leaves_the_case(world):
    case = raise_concern(world.owner, world.engagement)
    engagement_close(
        actor=world.owner, engagement=world.engagement, closed_on=date.today(), stage=Stage.CLOSED
    )
    monitoring_action_add(
        actor=world.owner, case=case, actions_taken="Call", taken_by="Me", rationale="Still open"
    )
    assert case.actions.count() == 1


def test_a_monitoring_action_keeps_the_authors_name_and_job(world):
    case = raise_concern(world.owner, world.engagement)
    action = monitoring_action_add(
        actor=world.owner,
        case=case,
        actions_taken="Met mum",
        taken_by="Family worker and mum",
        rationale="Agreed plan; GP visit not yet done because of a cancellation",
    )
    assert action.author_name == world.owner.get_full_name()
    assert action.author_job_title == "Family worker"


def test_only_a_dsl_records_the_local_authority_notification(world):
    case = raise_concern(world.owner, world.engagement)
    for user in (world.owner, world.manager):
        with pytest.raises(CaseworkRefused, match="designated safeguarding lead"):
            case_record_la_notification(
                actor=user, case=case, notified=True, notified_on=date.today()
            )
    with pytest.raises(ValidationError, match="Enter the date"):
        case_record_la_notification(actor=world.dsl, case=case, notified=True, notified_on=None)
    case = case_record_la_notification(
        actor=world.dsl, case=case, notified=True, notified_on=date.today()
    )
    case.refresh_from_db()
    assert case.la_notified and case.la_notified_by == world.dsl


def test_visibility_follows_the_engagement_plus_dsls(world):
    case = raise_concern(world.owner, world.engagement)
    seen = {
        name: selectors.case_get(user=getattr(world, name), public_id=case.public_id) is not None
        for name in ("owner", "other", "manager", "dsl")
    }
    assert seen == {"owner": True, "other": False, "manager": True, "dsl": True}
    engagement_share(actor=world.owner, engagement=world.engagement, with_user=world.other)
    assert selectors.case_get(user=world.other, public_id=case.public_id) is not None


def test_every_read_is_in_the_audit_log_for_managers_and_dsls(world):
    case = raise_concern(world.owner, world.engagement)
    case_read_record(actor=world.owner, case=case)
    case_read_record(actor=world.dsl, case=case)
    with pytest.raises(CaseworkRefused):
        case_read_record(actor=world.other, case=case)
    reads = selectors.case_reads(user=world.manager, case=case)
    assert [e.actor_username for e in reads] == [world.dsl.username, world.owner.username]
    assert list(selectors.case_reads(user=world.owner, case=case)) == []


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE safeguarding_monitoringaction SET rationale = 'rewritten'",
        "DELETE FROM safeguarding_monitoringaction",
        "TRUNCATE safeguarding_monitoringaction CASCADE",
        "UPDATE safeguarding_closurerequest SET comment = 'rewritten'",
        "DELETE FROM safeguarding_closurerequest",
        "UPDATE safeguarding_closuredecision SET outcome = 'approved'",
        "DELETE FROM safeguarding_closuredecision",
        "TRUNCATE safeguarding_closuredecision CASCADE",
    ],
)
@pytest.mark.owner_role  # the trigger, which holds against the owner too
def test_raw_sql_cannot_rewrite_the_history(world, sql):
    case = raise_concern(world.owner, world.engagement)
    monitoring_action_add(
        actor=world.owner, case=case, actions_taken="Met", taken_by="Me", rationale="R"
    )
    request = closure_request_submit(
        actor=world.owner, case=case, approver=world.manager, comment="Done"
    )
    closure_request_decide(actor=world.manager, request=request, approve=False, comment="No")
    with connection.cursor() as cursor:
        # Fire the deferred foreign-key checks now: TRUNCATE refuses to run beside them.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert MonitoringAction.objects.get(case=case).rationale == "R"
    assert ClosureRequest.objects.get(case=case).comment == "Done"
    assert ClosureDecision.objects.get(request__case=case).outcome == "rejected"

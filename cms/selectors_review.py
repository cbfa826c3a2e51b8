"""Manual changes in the approval workflow, as one person sees them: those waiting for
their approval (they belong to a group of the approval task) and their own changes
waiting for someone else's. Each is a Wagtail page; the link is Wagtail's edit screen,
where an approver approves or asks for changes."""

from django.db.models import CharField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast
from wagtail.models import GroupApprovalTask, Page, TaskState, WorkflowState

from cms import policy


def _with_page_title(states, object_id_path: str):
    pages = Page.objects.annotate(key=Cast("pk", CharField())).filter(key=OuterRef(object_id_path))
    return states.annotate(page_title=Subquery(pages.values("title")[:1]))


def changes_awaiting_approval_by(*, user) -> QuerySet[TaskState]:
    """In-progress approval steps of tasks whose groups include one of the user's."""
    if not policy.can_approve_manual(user):
        return TaskState.objects.none()
    tasks = GroupApprovalTask.objects.filter(groups__user=user).values("pk")
    states = (
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, task__in=tasks)
        .exclude(workflow_state__requested_by=user)
        .select_related("workflow_state__requested_by")
        .order_by("started_at", "pk")
    )
    return _with_page_title(states, "workflow_state__object_id")


def my_changes_awaiting_approval(*, user) -> QuerySet[WorkflowState]:
    """The editor's own changes still in the workflow (waiting, or sent back)."""
    if not policy.can_propose_manual_changes(user):
        return WorkflowState.objects.none()
    states = WorkflowState.objects.active().filter(requested_by=user).order_by("created_at", "pk")
    return _with_page_title(states, "object_id")

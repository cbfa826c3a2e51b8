"""Tasks by hand: give a colleague a task about a record you can see, and complete your
own. The same services, and so the same rules, as the portal's task screens."""

from datetime import date

import strawberry
from strawberry import relay
from strawberry.types import Info

from casework.worklist import selectors, services, subjects
from graphql_api.auth import check_can_write, user_of
from graphql_api.errors import FieldError, not_found, payload_with
from graphql_api.ids import public_id_of
from graphql_api.worklist.types import TaskType
from tenants.accounts.selectors import colleague_get

RECORD_FIELD = {"record": "recordId", "assignee": "assigneeId"}


@strawberry.type
class TaskPayload:
    task: TaskType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class TaskCreateInput:
    record_id: relay.GlobalID = strawberry.field(
        description="What the task is about: a Contact, Engagement, SafeguardingCase, "
        "SupportCase or Customer you can see."
    )
    assignee_id: relay.GlobalID = strawberry.field(
        description="An active colleague (a User id) who can see the record too."
    )
    title: str = strawberry.field(description="What needs to be done.")
    due_on: date | None = None
    notes: str = ""


def _record(user, global_id):
    subject = subjects.subject_for_type(global_id.type_name) if global_id else None
    public_id = public_id_of(global_id, subject.type_name) if subject else None
    return subject.find(user, public_id) if public_id else None


@strawberry.type
class WorklistMutation:
    @strawberry.mutation(
        description="Give a colleague (or yourself) a task about a record you can see."
    )
    def task_create(self, info: Info, input: TaskCreateInput) -> TaskPayload:  # noqa: A002
        check_can_write(info)
        user = user_of(info)
        record = _record(user, input.record_id)
        if record is None:
            return TaskPayload(errors=not_found("record_id", "record you can see"))
        public_id = public_id_of(input.assignee_id, "User")
        assignee = colleague_get(public_id=public_id) if public_id else None
        if assignee is None:
            return TaskPayload(errors=not_found("assignee_id", "colleague"))
        return payload_with(
            TaskPayload,
            "task",
            lambda: services.task_create(
                actor=user,
                record=record,
                assignee=assignee,
                title=input.title,
                due_on=input.due_on,
                notes=input.notes,
            ),
            renamed=RECORD_FIELD,
        )

    @strawberry.mutation(description="Mark one of your own tasks as done.")
    def task_complete(self, info: Info, task_id: relay.GlobalID) -> TaskPayload:
        check_can_write(info)
        user = user_of(info)
        public_id = public_id_of(task_id, "Task")
        task = selectors.task_get(user=user, public_id=public_id) if public_id else None
        if task is None:
            return TaskPayload(errors=not_found("task_id", "task of yours"))
        return payload_with(
            TaskPayload,
            "task",
            lambda: services.task_complete(actor=user, task=task),
            renamed=RECORD_FIELD,
        )

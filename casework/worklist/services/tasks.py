"""Tasks: given by the platform as part of a feature (a new safeguarding case gives its
owner one), or by hand about a record; completed by their assignee, or all at once when
the record they are about closes."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casework.worklist import policy, subjects
from casework.worklist.models import Task, TaskStatus
from casework.worklist.services.notifications import notification_send
from casework.worklist.subjects import link_url_check
from tenants.accounts.models import User


def task_assign(*, actor, assignee, title: str, due_on: date | None = None, link_url="") -> Task:
    """A task the platform gives as part of a feature (a new safeguarding case gives its
    owner one). `actor` is who caused it (None: the platform itself); the caller words the
    title with what it is about (see casework.worklist.subjects)."""
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Enter what needs to be done."
    elif len(title) > 200:
        errors["title"] = "The title must be 200 characters or fewer."
    if not assignee.is_active:
        errors["assignee"] = "Tasks can only be given to active users."
    if errors:
        raise ValidationError(errors)
    link_url = link_url_check(link_url)
    return Task.objects.create(
        assignee=assignee, title=title, due_on=due_on, link_url=link_url, created_by=actor
    )


def task_create(
    *, actor, record, assignee, title: str, due_on: date | None = None, notes: str = ""
) -> Task:
    """A task given by hand about a record the actor can see (a contact, engagement,
    safeguarding case, support case or customer), to an active colleague of the same
    partner who can see it too. Its title starts with what it is about, in initials."""
    subject = subjects.subject_of(record)
    if subject is None:
        raise ValidationError(
            {
                "record": "A task is about a contact, engagement, safeguarding case, support "
                "case or customer."
            }
        )
    policy.check_create_task(actor, record, subject)
    title, notes = (title or "").strip(), (notes or "").strip()
    about = subject.describe(record)
    errors = {}
    if not title:
        errors["title"] = "Enter what needs to be done."
    elif len(about) + 2 + len(title) > 200:
        errors["title"] = f"Keep what needs to be done under {198 - len(about)} characters."
    if len(notes) > 5000:
        errors["notes"] = "Keep the notes under 5,000 characters."
    if due_on is not None and due_on < timezone.localdate():
        errors["due_on"] = "The due date cannot be in the past."
    # The same partner: the account is this schema's own, active, and may see the record.
    colleague = User.objects.filter(pk=assignee.pk, public_id=assignee.public_id).first()
    if colleague is None or not colleague.is_active:
        errors["assignee"] = "Choose an active colleague of your organisation."
    elif subject.find(colleague, record.public_id) is None:
        errors["assignee"] = (
            f"{colleague.get_full_name()} cannot see this {subject.label}: choose someone who can."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        task = Task.objects.create(
            assignee=colleague,
            title=f"{about}: {title}",
            notes=notes,
            due_on=due_on,
            link_url=link_url_check(subject.url(record)),
            created_by=actor,
        )
        if colleague.pk != actor.pk:
            notification_send(
                recipient=colleague,
                title=f"New task from {actor.get_full_name()}: {task.title}",
                link_url=reverse("tasks"),
            )
    return task


def task_complete(*, actor, task: Task) -> Task:
    policy.check_complete_task(actor, task)
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        if task.status == TaskStatus.DONE:
            raise ValidationError("This task has already been completed.")
        task.status = TaskStatus.DONE
        task.completed_at = timezone.now()
        task.save(update_fields=["status", "completed_at"])
    return task


def tasks_complete_for(*, link_url: str) -> int:
    """Complete the open tasks about a record that has just closed (nothing is left to do
    on it). Returns how many there were."""
    return Task.objects.filter(link_url=link_url, status=TaskStatus.OPEN).update(
        status=TaskStatus.DONE, completed_at=timezone.now()
    )

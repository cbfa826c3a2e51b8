"""Reads of a person's own tasks and notifications."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from casework.worklist.models import Notification, Task, TaskStatus


@dataclass
class OpenTasks:
    overdue: list = field(default_factory=list)
    today: list = field(default_factory=list)
    tomorrow: list = field(default_factory=list)
    later: list = field(default_factory=list)  # due later, or no due date

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.today) + len(self.tomorrow) + len(self.later)


def tasks_for(*, user, status: str | None = None) -> QuerySet[Task]:
    if not user.is_authenticated:
        return Task.objects.none()
    tasks = Task.objects.filter(assignee=user)
    return tasks.filter(status=status) if status else tasks


def task_get(*, user, public_id) -> Task | None:
    return tasks_for(user=user).filter(public_id=public_id).first()


def tasks_open_for(*, user, limit: int = 200) -> OpenTasks:
    """One query: the user's open tasks, grouped by when they are due (local date)."""
    today = timezone.localdate()
    grouped = OpenTasks()
    for task in tasks_for(user=user, status=TaskStatus.OPEN)[:limit]:
        if task.due_on is None or task.due_on > today + timedelta(days=1):
            grouped.later.append(task)
        elif task.due_on < today:
            grouped.overdue.append(task)
        elif task.due_on == today:
            grouped.today.append(task)
        else:
            grouped.tomorrow.append(task)
    return grouped


def notifications_for(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    notifications = Notification.objects.filter(recipient=user)
    return notifications.filter(read_at__isnull=True) if unread_only else notifications


def notification_get(*, user, public_id) -> Notification | None:
    return notifications_for(user=user).filter(public_id=public_id).first()


def unread_count(*, user) -> int:
    return notifications_for(user=user, unread_only=True).count()

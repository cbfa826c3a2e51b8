"""Writes of tasks and notifications. Other features call these: a safeguarding case
gives its owner a task; a closure request notifies the approver; the daily sweep
sends reminders (idempotent through the dedupe key)."""

from .notifications import notification_mark_read, notification_send, notifications_mark_all_read
from .tasks import task_assign, task_complete, task_create, tasks_complete_for

__all__ = [
    "notification_mark_read",
    "notification_send",
    "notifications_mark_all_read",
    "task_assign",
    "task_complete",
    "task_create",
    "tasks_complete_for",
]

"""Tasks and notifications belong to one person: only they may act on them."""

from django.core.exceptions import PermissionDenied


class WorklistRefused(PermissionDenied):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def can_complete_task(user, task) -> bool:
    return user.is_authenticated and user.is_active and task.assignee_id == user.pk


def check_complete_task(user, task) -> None:
    if not can_complete_task(user, task):
        raise WorklistRefused("Only the person a task is assigned to can complete it.")


def can_read_notification(user, notification) -> bool:
    return user.is_authenticated and user.is_active and notification.recipient_id == user.pk


def check_read_notification(user, notification) -> None:
    if not can_read_notification(user, notification):
        raise WorklistRefused("This notification is someone else's.")

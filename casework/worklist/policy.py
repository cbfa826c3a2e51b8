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


def can_create_task(user) -> bool:
    """Any active member of staff may give a task about a record they can see."""
    return user.is_authenticated and user.is_active


def check_create_task(user, record, subject) -> None:
    if not can_create_task(user) or subject.find(user, record.public_id) is None:
        raise WorklistRefused(f"You cannot see this {subject.label}.")

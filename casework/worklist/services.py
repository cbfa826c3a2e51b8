"""Writes of tasks and notifications. Other features call these: a safeguarding case
gives its owner a task; a closure request notifies the approver; the daily sweep
sends reminders (idempotent through the dedupe key)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.worklist import policy
from casework.worklist.models import Notification, Task, TaskStatus


def _check_link(link_url: str) -> str:
    # Shown as a link in the portal and in emails: a path of this portal only.
    link_url = (link_url or "").strip()
    if link_url and (not link_url.startswith("/") or link_url.startswith("//") or "\\" in link_url):
        raise ValidationError({"link_url": "A link must be a path in this portal, like /cases/…"})
    return link_url


def task_create(*, actor, assignee, title: str, due_on: date | None = None, link_url="") -> Task:
    """`actor` is who gives the task (None: the platform itself)."""
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
    link_url = _check_link(link_url)
    return Task.objects.create(
        assignee=assignee, title=title, due_on=due_on, link_url=link_url, created_by=actor
    )


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


def notification_send(
    *,
    recipient,
    title: str,
    body: str = "",
    link_url: str = "",
    email: bool = True,
    dedupe_key: str | None = None,
) -> Notification | None:
    """Notify one person in the portal and, after commit, by email (a Celery task).
    Returns None, sending nothing, when this dedupe key was already used for this
    person or the person can no longer sign in."""
    if not recipient.is_active:
        return None
    link_url = _check_link(link_url)
    try:
        with transaction.atomic():  # a savepoint: a duplicate key leaves the caller's work intact
            notification = Notification.objects.create(
                recipient=recipient,
                title=title.strip()[:200],
                body=body.strip(),
                link_url=link_url,
                dedupe_key=dedupe_key or "",
            )
    except IntegrityError:
        if (
            dedupe_key
            and Notification.objects.filter(recipient=recipient, dedupe_key=dedupe_key).exists()
        ):
            return None
        raise
    if email and recipient.email:
        from casework.worklist.tasks import notification_email

        notification_id = notification.pk
        # robust: a broker hiccup must not undo or stop the caller's work (a sweep goes
        # on to the next case); the notification itself is already saved.
        transaction.on_commit(lambda: notification_email.delay(notification_id), robust=True)
    return notification


def notification_mark_read(*, actor, notification: Notification) -> Notification:
    policy.check_read_notification(actor, notification)
    if notification.read_at is None:
        # One statement, only if still unread: a second tab cannot move the time.
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        notification.refresh_from_db(fields=["read_at"])
    return notification


def notifications_mark_all_read(*, actor) -> int:
    """Returns how many were unread."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )

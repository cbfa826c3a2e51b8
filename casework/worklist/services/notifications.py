"""Notifications: in the portal and, after commit, by email; the daily sweep sends
reminders (idempotent through the dedupe key)."""

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django_tenants.utils import tenant_context

from casework.worklist import policy
from casework.worklist.models import Notification
from casework.worklist.subjects import link_url_check


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
    link_url = link_url_check(link_url)
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
        # The partner whose schema holds the row, taken now: the exchange writes
        # notifications inside another partner's schema and is back in its own by commit.
        partner = connection.tenant

        def enqueue():
            with tenant_context(partner):
                notification_email.delay(notification_id)

        # robust: a broker hiccup must not undo or stop the caller's work (a sweep goes
        # on to the next case); the notification itself is already saved.
        transaction.on_commit(enqueue, robust=True)
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

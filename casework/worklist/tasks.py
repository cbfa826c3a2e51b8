from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import timezone


def portal_link(path: str) -> str:
    """An absolute link to this partner's portal, for emails (run in the partner's schema)."""
    if not path:
        return ""
    domain = connection.tenant.get_primary_domain().domain
    scheme = "https" if getattr(settings, "SESSION_COOKIE_SECURE", False) else "http"
    port = str(settings.CASEBRIDGE_PORT or "")
    suffix = f":{port}" if port and port not in {"80", "443"} else ""
    return f"{scheme}://{domain}{suffix}{path}"


@shared_task(
    name="casework.worklist.tasks.notification_email",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def notification_email(notification_id: int) -> bool:
    """Email one notification. Safe to run twice: the row is locked and emailed_at is
    set in the same transaction, so a second run finds it sent and does nothing."""
    from casework.worklist.models import Notification

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None or not notification.recipient.email:
            return False
        body = notification.body
        link = portal_link(notification.link_url)
        if link:
            body = f"{body}\n\nOpen it in Casebridge: {link}".strip()
        EmailMessage(
            subject=notification.title,
            body=body,
            to=[notification.recipient.email],
        ).send()
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True

"""The one place referrals tell people things: notifications and tasks.

They go through the worklist (casework.worklist). Callers run inside the schema of the people told (the exchange
switches schema before telling the other partner's staff)."""

from django.contrib.auth.models import Permission
from django.db.models import Q

from casework.worklist.services import notification_send, task_assign
from tenants.accounts.models import User


def users_with(perm: str):
    """Active staff of the current schema whose role or privileges include perm."""
    app_label, codename = perm.split(".", 1)
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    if permission is None:
        return User.objects.none()
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .distinct()
        .order_by("pk")
    )


def notify(*, recipients, title: str, body: str = "", link_url: str = "", dedupe_key=None):
    """Notify each recipient (in the current schema: theirs) in the portal and by email.
    Returns how many were told (not those already told under this dedupe key)."""
    told = 0
    for recipient in recipients:
        sent = notification_send(
            recipient=recipient,
            title=title,
            body=body,
            link_url=link_url,
            dedupe_key=f"{dedupe_key}:{recipient.pk}" if dedupe_key else None,
        )
        told += sent is not None
    return told


def task_for(*, actor, assignees, title: str, link_url: str = ""):
    for assignee in assignees:
        task_assign(actor=actor, assignee=assignee, title=title, link_url=link_url)
    return len(assignees)

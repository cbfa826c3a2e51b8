"""The one place referrals tell people things: notifications and tasks.

They go through the worklist (casework.worklist) when it is installed; until then
they are not sent. Callers run inside the schema of the people told (the exchange
switches schema before telling the other partner's staff)."""

from django.contrib.auth.models import Permission
from django.db.models import Q

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
    try:
        from casework.worklist.services import notification_send
    except ImportError:  # the worklist has not landed on this branch
        return 0
    for recipient in recipients:
        notification_send(
            recipient=recipient,
            title=title,
            body=body,
            link_url=link_url,
            dedupe_key=f"{dedupe_key}:{recipient.pk}" if dedupe_key else None,
        )
    return len(recipients)


def task_for(*, actor, assignees, title: str, link_url: str = ""):
    try:
        from casework.worklist.services import task_create
    except ImportError:
        return 0
    for assignee in assignees:
        task_create(actor=actor, assignee=assignee, title=title, link_url=link_url)
    return len(assignees)

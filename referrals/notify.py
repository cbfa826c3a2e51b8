"""The one place referrals tell people things: notifications and tasks.

They go through the worklist (casework.worklist). Callers run inside the schema of the people told (the exchange
switches schema before telling the other partner's staff)."""

from django.contrib.auth.models import Permission
from django.db import connection, transaction
from django.db.models import Q
from django_tenants.utils import tenant_context

from tenants.accounts.models import User
from tenants.models import Partner


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
        from casework.worklist.tasks import notification_email
    except ImportError:  # the worklist has not landed on this branch
        return 0
    schema = connection.schema_name
    sent = []
    for recipient in recipients:
        # Email is queued here, not by notification_send: the exchange writes
        # notifications inside another partner's schema, and the task must run there
        # (on commit the connection is back in the sender's schema).
        notification = notification_send(
            recipient=recipient,
            title=title,
            body=body,
            link_url=link_url,
            email=False,
            dedupe_key=f"{dedupe_key}:{recipient.pk}" if dedupe_key else None,
        )
        if notification is not None and recipient.email:
            sent.append(notification.pk)
    if sent:
        partner = Partner.objects.get(schema_name=schema)

        def email():
            with tenant_context(partner):  # the real partner: the email links to its domain
                for pk in sent:
                    notification_email.delay(pk)

        transaction.on_commit(email)
    return len(recipients)


def task_for(*, actor, assignees, title: str, link_url: str = ""):
    try:
        from casework.worklist.services import task_create
    except ImportError:
        return 0
    for assignee in assignees:
        task_create(actor=actor, assignee=assignee, title=title, link_url=link_url)
    return len(assignees)

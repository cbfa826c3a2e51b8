"""A person's own tasks and notifications: nobody else's, whoever asks."""

from datetime import date, datetime

import strawberry_django
from strawberry import relay
from strawberry.types import Info

from casework.worklist import models, selectors
from graphql_api.auth import user_of
from graphql_api.fields import model_type
from graphql_api.visibility import within


@strawberry_django.filter_type(models.Task)
class TaskFilter:
    status: str | None


@model_type(models.Task, name="Task")
class TaskType(relay.Node):
    public_id: relay.NodeID[str]
    title: str = strawberry_django.field(
        description="Starts with what it is about: “SG-00003: new safeguarding case for J. S.”."
    )
    notes: str
    due_on: date | None
    status: str
    link_url: str
    created_at: datetime
    completed_at: datetime | None

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return within(queryset, selectors.tasks_for(user=user_of(info)))


@strawberry_django.filter_type(models.Notification)
class NotificationFilter:
    @strawberry_django.filter_field(description="Only unread (true) or only read (false).")
    def unread(self, value: bool, prefix: str):
        from django.db.models import Q

        return Q(**{f"{prefix}read_at__isnull": value})


@model_type(models.Notification, name="Notification")
class NotificationType(relay.Node):
    public_id: relay.NodeID[str]
    title: str
    body: str
    link_url: str
    created_at: datetime
    read_at: datetime | None

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return within(queryset, selectors.notifications_for(user=user_of(info)))

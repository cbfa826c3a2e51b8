import strawberry
import strawberry_django
from strawberry_django.relay import DjangoListConnection

from graphql_api.worklist.types import NotificationFilter, NotificationType, TaskFilter, TaskType


@strawberry.type
class WorklistQuery:
    tasks: DjangoListConnection[TaskType] = strawberry_django.connection(
        filters=TaskFilter, description="Your own tasks."
    )
    notifications: DjangoListConnection[NotificationType] = strawberry_django.connection(
        filters=NotificationFilter, description="Your own notifications, newest first."
    )

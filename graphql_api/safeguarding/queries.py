import strawberry
import strawberry_django
from strawberry_django.relay import DjangoListConnection

from graphql_api.safeguarding.types import (
    ApprovalRequestType,
    SafeguardingCaseFilter,
    SafeguardingCaseOrder,
    SafeguardingCaseType,
)


@strawberry.type
class SafeguardingQuery:
    safeguarding_cases: DjangoListConnection[SafeguardingCaseType] = strawberry_django.connection(
        filters=SafeguardingCaseFilter,
        ordering=SafeguardingCaseOrder,
        description="Cases you may see: of engagements you see, your own, all for DSLs.",
    )
    approval_requests: DjangoListConnection[ApprovalRequestType] = strawberry_django.connection(
        description="Closure requests on cases you may see, newest first."
    )

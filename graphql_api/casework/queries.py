import strawberry
import strawberry_django
from strawberry_django.relay import DjangoListConnection

from graphql_api.casework.filters import (
    ConsultationFilter,
    ContactFilter,
    ContactOrder,
    DeliveryFilter,
    DeliveryOrder,
    EngagementFilter,
    EngagementOrder,
)
from graphql_api.casework.types import (
    ConsultationType,
    ContactType,
    EngagementType,
    HouseholdType,
    ProgrammeType,
    ServiceDeliveryType,
    ServiceType,
)


@strawberry.type
class CaseworkQuery:
    contacts: DjangoListConnection[ContactType] = strawberry_django.connection(
        filters=ContactFilter, ordering=ContactOrder
    )
    households: DjangoListConnection[HouseholdType] = strawberry_django.connection()
    programmes: DjangoListConnection[ProgrammeType] = strawberry_django.connection()
    services: DjangoListConnection[ServiceType] = strawberry_django.connection()
    engagements: DjangoListConnection[EngagementType] = strawberry_django.connection(
        filters=EngagementFilter,
        ordering=EngagementOrder,
        description="The engagements you may see: your own, shared with you, or all for managers.",
    )
    deliveries: DjangoListConnection[ServiceDeliveryType] = strawberry_django.connection(
        filters=DeliveryFilter, ordering=DeliveryOrder
    )
    consultations: DjangoListConnection[ConsultationType] = strawberry_django.connection(
        filters=ConsultationFilter
    )

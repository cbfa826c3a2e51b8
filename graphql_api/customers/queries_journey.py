"""Employment support: the provider's appointments, its advisers, and the providers a
customer may be referred to."""

import strawberry
import strawberry_django
from strawberry import relay
from strawberry.types import Info
from strawberry_django.relay import DjangoListConnection

from customers import selectors
from graphql_api.auth import user_of
from graphql_api.customers.types_journey import AdviserType, AppointmentType
from graphql_api.ids import public_id_of


@strawberry.type(name="Provider", description="A partner the directory offers.")
class ProviderType:
    slug: str = strawberry.field(description="For customerRefer.")
    name: str


@strawberry.type
class EmploymentQuery:
    appointments: DjangoListConnection[AppointmentType] = strawberry_django.connection(
        description="Appointments of the employment support referrals your partner received "
        "(its advisers and managers), by date."
    )

    @strawberry.field(description="The advisers an appointment may be booked with.")
    def advisers(self, info: Info) -> list[AdviserType]:
        return [
            AdviserType(
                id=relay.GlobalID("User", str(user.public_id)),
                full_name=user.get_full_name(),
                job_title=user.job_title,
            )
            for user in selectors.advisers_offered_to(user=user_of(info))
        ]

    @strawberry.field(
        description="Providers the directory offers for employment support in the "
        "customer's area (empty for a customer you cannot see)."
    )
    def employment_providers(self, info: Info, customer_id: relay.GlobalID) -> list[ProviderType]:
        public_id = public_id_of(customer_id, "Customer")
        user = user_of(info)
        customer = selectors.customer_get(user=user, public_id=public_id) if public_id else None
        if customer is None:
            return []
        return [
            ProviderType(slug=p.slug, name=p.name)
            for p in selectors.providers_for(customer=customer)
        ]

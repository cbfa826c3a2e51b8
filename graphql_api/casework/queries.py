from datetime import date

import strawberry
import strawberry_django
from strawberry.types import Info
from strawberry_django.relay import DjangoListConnection

from casework import selectors
from graphql_api.auth import user_of
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
from graphql_api.limits import SEARCH_MAX


@strawberry.type(description="A contact the search found, and what matched.")
class ContactMatch:
    contact: ContactType
    reasons: list[str] = strawberry.field(
        description="What matched, in words: first name, last name, names swapped, similar "
        "name, name, client ID, date of birth, postcode, phone, email."
    )


def _matches(found) -> list[ContactMatch]:
    return [ContactMatch(contact=contact, reasons=reasons) for contact, reasons in found]


@strawberry.type
class CaseworkQuery:
    @strawberry.field(
        description="The portal's one search: a name (typos and swapped names allowed), "
        "client ID, date of birth, phone number or postcode (any spacing) or email, best "
        f"first, at most {SEARCH_MAX}."
    )
    def contact_search(self, info: Info, query: str, first: int = 20) -> list[ContactMatch]:
        limit = min(max(first, 1), SEARCH_MAX)
        return _matches(selectors.people_search(user=user_of(info), query=query, limit=limit))

    @strawberry.field(description="Find before create: existing contacts like these details.")
    def contact_matches(
        self,
        info: Info,
        first_name: str = "",
        last_name: str = "",
        date_of_birth: date | None = None,
        postcode: str = "",
        phone: str = "",
        email: str = "",
    ) -> list[ContactMatch]:
        return _matches(
            selectors.contact_matches(
                user=user_of(info),
                first_name=first_name,
                last_name=last_name,
                date_of_birth=date_of_birth,
                postcode=postcode,
                phone=phone,
                email=email,
            )
        )

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

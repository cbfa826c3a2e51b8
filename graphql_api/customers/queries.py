from datetime import date

import strawberry
import strawberry_django
from strawberry.types import Info
from strawberry_django.relay import DjangoListConnection

from customers import selectors
from graphql_api.auth import user_of
from graphql_api.customers.types import CustomerMatch, CustomerType
from graphql_api.limits import SEARCH_MAX


def matches_for(user, **typed) -> list[CustomerMatch]:
    """Find before create, as the portal's screen: the one search over these details."""
    return [
        CustomerMatch(customer=customer, reasons=reasons)
        for customer, reasons in selectors.customer_matches(user=user, **typed)
    ]


@strawberry.type
class CustomersQuery:
    customers: DjangoListConnection[CustomerType] = strawberry_django.connection(
        description="Your partner's customers (staff who refer residents)."
    )

    @strawberry.field(
        description="The portal's one search over customers: a name (typos and swapped "
        "names allowed), housing reference, date of birth, phone, postcode or email."
    )
    def customer_search(self, info: Info, query: str, first: int = 20) -> list[CustomerMatch]:
        found = selectors.customer_search(
            user=user_of(info), query=query, limit=min(max(first, 1), SEARCH_MAX)
        )
        return [CustomerMatch(customer=c, reasons=reasons) for c, reasons in found]

    @strawberry.field(description="Find before create: existing customers like these details.")
    def customer_matches(
        self,
        info: Info,
        first_name: str = "",
        last_name: str = "",
        date_of_birth: date | None = None,
        postcode: str = "",
        phone: str = "",
        email: str = "",
        housing_reference: str = "",
    ) -> list[CustomerMatch]:
        return matches_for(
            user_of(info),
            first_name=first_name,
            last_name=last_name,
            date_of_birth=date_of_birth,
            postcode=postcode,
            phone=phone,
            email=email,
            housing_reference=housing_reference,
        )

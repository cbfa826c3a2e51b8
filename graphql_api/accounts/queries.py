import strawberry
import strawberry_django
from strawberry.types import Info
from strawberry_django.relay import DjangoListConnection

from graphql_api.accounts.types import RoleType, UserType, partner_of
from graphql_api.auth import user_of
from tenants.accounts.selectors import roles_offered


@strawberry.type
class AccountsQuery:
    @strawberry_django.field(description="The account you are acting as.")
    def me(self, info: Info) -> UserType:
        return user_of(info)

    users: DjangoListConnection[UserType] = strawberry_django.connection(
        description="Your organisation's accounts, if you manage users; otherwise only yours."
    )

    @strawberry_django.field(description="The roles your organisation offers.")
    def roles(self, info: Info) -> list[RoleType]:
        return roles_offered(kind=partner_of(info).kind)

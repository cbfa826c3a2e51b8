"""Account mutations under the delegation rule (tenants.accounts.policy), through the
same services as the portal's Users and API token screens."""

from datetime import datetime

import strawberry
import strawberry_django
from django.core.exceptions import ValidationError
from strawberry import relay
from strawberry.types import Info

from graphql_api.accounts.types import UserType, partner_of
from graphql_api.auth import check_can_write, user_of
from graphql_api.errors import FieldError, not_found, payload_of, payload_with
from graphql_api.fields import model_type
from graphql_api.ids import public_id_of
from tenants.accounts import capabilities as cap
from tenants.accounts import selectors, services
from tenants.accounts.models import ApiToken
from tenants.accounts.services import tokens as token_services

PRIVILEGE_NAMES = {p.split(".", 1)[1]: p for p in cap.PRIVILEGES}


def _privileges(names: list[str]) -> set[str]:
    unknown = [n for n in names if n not in PRIVILEGE_NAMES]
    if unknown:
        raise ValidationError({"privileges": f"Unknown privilege: {', '.join(unknown)}."})
    return {PRIVILEGE_NAMES[n] for n in names}


def _visible_user(info, global_id):
    public_id = public_id_of(global_id, "User")
    if public_id is None:
        return None
    return selectors.user_for_admin(
        actor=user_of(info), partner=partner_of(info), public_id=public_id
    )


@model_type(ApiToken, name="ApiToken")
class ApiTokenType:
    name: str
    scope: str
    prefix: str
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    user: UserType

    @strawberry_django.field(only=["public_id"], description="Give this to apiTokenRevoke.")
    def id(self, root: ApiToken) -> strawberry.ID:
        return strawberry.ID(str(root.public_id))


@strawberry.type
class UserPayload:
    user: UserType | None = None
    secret: str | None = strawberry.field(
        default=None,
        description="New accounts: the invitation token or temporary password, shown once.",
    )
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class ApiTokenPayload:
    token: ApiTokenType | None = None
    secret: str | None = strawberry.field(
        default=None, description="The bearer value, shown once: only its hash is kept."
    )
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class UserCreateInput:
    username: str
    full_name: str
    role_key: str
    privileges: list[str] = strawberry.field(
        default_factory=lambda: ["change_own_password"],
        description="manage_users, change_own_password",
    )
    email: str = ""
    job_title: str = ""
    phone: str = ""
    line_manager_id: relay.GlobalID | None = None
    delivery: str = strawberry.field(
        default="invitation", description="invitation or temporary_password"
    )


@strawberry.input
class UserUpdateInput:
    id: relay.GlobalID
    full_name: str
    role_key: str
    privileges: list[str]
    email: str = ""
    job_title: str = ""
    phone: str = ""
    line_manager_id: relay.GlobalID | None = None


@strawberry.input
class ApiTokenCreateInput:
    user_id: relay.GlobalID
    name: str
    scope: str = strawberry.field(description="read or write")
    expires_at: datetime


def _line_manager_public_id(global_id):
    if global_id is None:
        return None
    public_id = public_id_of(global_id, "User")
    if public_id is None:
        raise ValidationError({"line_manager": "Choose a line manager from the list."})
    return public_id


@strawberry.type
class AccountsMutation:
    @strawberry.mutation(description="Create a colleague's account (the delegation rule applies).")
    def user_create(self, info: Info, input: UserCreateInput) -> UserPayload:  # noqa: A002
        check_can_write(info)

        def work():
            created = services.user_create(
                actor=user_of(info),
                partner=partner_of(info),
                username=input.username,
                full_name=input.full_name,
                role_key=input.role_key,
                privileges=_privileges(input.privileges),
                email=input.email,
                job_title=input.job_title,
                phone=input.phone,
                line_manager_public_id=_line_manager_public_id(input.line_manager_id),
                delivery=input.delivery,
            )
            return UserPayload(user=created.user, secret=created.secret)

        return payload_of(UserPayload, work)

    @strawberry.mutation(description="Change a colleague's details, role and privileges.")
    def user_update(self, info: Info, input: UserUpdateInput) -> UserPayload:  # noqa: A002
        check_can_write(info)
        target = _visible_user(info, input.id)
        if target is None:
            return UserPayload(errors=not_found("id", "account"))
        return payload_with(
            UserPayload,
            "user",
            lambda: services.user_update(
                actor=user_of(info),
                partner=partner_of(info),
                user_public_id=target.public_id,
                full_name=input.full_name,
                role_key=input.role_key,
                privileges=_privileges(input.privileges),
                email=input.email,
                job_title=input.job_title,
                phone=input.phone,
                line_manager_public_id=_line_manager_public_id(input.line_manager_id),
            ),
        )

    @strawberry.mutation(
        description="Deactivate an account: its sessions end, its API tokens are revoked."
    )
    def user_deactivate(self, info: Info, id: relay.GlobalID) -> UserPayload:  # noqa: A002
        check_can_write(info)
        target = _visible_user(info, id)
        if target is None:
            return UserPayload(errors=not_found("id", "account"))
        return payload_with(
            UserPayload,
            "user",
            lambda: services.user_deactivate(
                actor=user_of(info), partner=partner_of(info), user_public_id=target.public_id
            ),
        )

    @strawberry.mutation(
        description="Create an API token for a service account; the secret is shown once."
    )
    def api_token_create(self, info: Info, input: ApiTokenCreateInput) -> ApiTokenPayload:  # noqa: A002
        check_can_write(info)
        public_id = public_id_of(input.user_id, "User")
        if public_id is None:
            return ApiTokenPayload(errors=not_found("user_id", "account"))

        def work():
            created = token_services.api_token_create(
                actor=user_of(info),
                user_public_id=public_id,
                name=input.name,
                scope=input.scope,
                expires_at=input.expires_at,
            )
            return ApiTokenPayload(token=created.token, secret=created.secret)

        return payload_of(ApiTokenPayload, work)

    @strawberry.mutation(description="Revoke an API token by its id.")
    def api_token_revoke(self, info: Info, id: strawberry.ID) -> ApiTokenPayload:  # noqa: A002
        check_can_write(info)
        return payload_with(
            ApiTokenPayload,
            "token",
            lambda: token_services.api_token_revoke(actor=user_of(info), token_public_id=str(id)),
        )

"""Accounts and roles (read). Colleagues' names show wherever casework names them
(an engagement's owner); listing and looking up accounts is for those who manage
users, as on the portal's Users page."""

from datetime import datetime

import strawberry_django
from django.db import connection
from strawberry import relay
from strawberry.types import Info

from graphql_api.auth import user_of
from graphql_api.fields import model_type
from graphql_api.visibility import within
from tenants.accounts import capabilities as cap
from tenants.accounts import models, selectors


@model_type(models.Role, name="Role")
class RoleType:
    key: str
    name: str
    description: str

    @strawberry_django.field(
        only=["group_id"],
        prefetch_related=["group__permissions__content_type"],
        description="The rights this role carries, as capability names.",
    )
    def rights(self, root: models.Role) -> list[str]:
        return sorted(
            cap.CAPABILITIES.get(p, cap.PRIVILEGES.get(p, p))
            for p in {
                f"{perm.content_type.app_label}.{perm.codename}"
                for perm in root.group.permissions.all()
            }
        )


@model_type(models.User, name="User")
class UserType(relay.Node):
    public_id: relay.NodeID[str]
    username: str
    full_name: str
    job_title: str
    is_active: bool
    last_login: datetime | None
    role: RoleType | None

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        user = user_of(info)
        visible = selectors.users_visible_to(actor=user, partner=info.context.request.tenant)
        if visible.query.is_empty():
            return queryset.filter(pk=user.pk)  # yourself only
        return within(queryset, visible)


def partner_of(info: Info):
    return getattr(info.context.request, "tenant", None) or connection.tenant


@model_type(models.User, name="Colleague")
class ColleagueType:
    """A colleague named by a record (an engagement's owner, who recorded a session): their
    name and job title only. The accounts themselves are `User`, for those who manage them."""

    full_name: str
    job_title: str

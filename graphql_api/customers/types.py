"""A borough's (or provider's) customers, read through customers.selectors: its
referring staff see them all, nobody else any."""

from datetime import date, datetime

import strawberry
import strawberry_django
from strawberry import relay
from strawberry.types import Info
from strawberry_django.relay import DjangoListConnection

from casework.access.models import RecordType
from customers import models, selectors
from graphql_api.auth import user_of
from graphql_api.customers.types_journey import CustomerReferralType
from graphql_api.fields import model_type
from graphql_api.visibility import within


@model_type(models.Customer, name="Customer", read_as=RecordType.CUSTOMER)
class CustomerType(relay.Node):
    public_id: relay.NodeID[str]
    first_name: str
    last_name: str
    date_of_birth: date | None
    postcode: str
    phone: str
    email: str
    housing_reference: str
    interest: str = strawberry_django.field(description="not_asked, interested or not_interested.")
    interest_recorded_on: date | None
    not_interested_other: str
    created_at: datetime

    journey: DjangoListConnection[CustomerReferralType] = strawberry_django.connection(
        field_name="referrals",
        description="The customer's referrals, newest first, each with the steps the "
        "provider recorded (as the exchange copied them back), a page at a time.",
    )

    @strawberry_django.field(prefetch_related=["not_interested_reasons"])
    def not_interested_reasons(self, root: models.Customer) -> list[str]:
        return [reason.name for reason in root.not_interested_reasons.all()]

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return within(queryset, selectors.customers_visible_to(user=user_of(info)))


@strawberry.type(name="CustomerMatch", description="Who this might already be, and why.")
class CustomerMatch:
    customer: CustomerType
    reasons: list[str]

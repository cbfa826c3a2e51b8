"""Plain strawberry-graphql-django: model types, relay connections and its optimizer,
as its documentation sets them up."""

from datetime import date

import strawberry
import strawberry_django
from strawberry import relay
from strawberry.types import Info
from strawberry_django.optimizer import DjangoOptimizerExtension
from strawberry_django.relay import DjangoListConnection

from bench.peers import models

# The optimizer selects only() the columns asked for; a NodeID on a column other than
# the key must be declared (its documented `only=`), or each id costs a query.
GLOBAL_ID = ["public_id"]


@strawberry_django.type(models.Contact, name="Contact", only=GLOBAL_ID)
class Contact(relay.Node):
    public_id: relay.NodeID[str]
    first_name: str
    last_name: str


@strawberry_django.type(models.ServiceDelivery, name="ServiceDelivery", only=GLOBAL_ID)
class ServiceDelivery(relay.Node):
    public_id: relay.NodeID[str]
    date: date
    attendance: str

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return queryset.order_by("-date", "-id")


@strawberry_django.type(models.Engagement, name="Engagement", only=GLOBAL_ID)
class Engagement(relay.Node):
    public_id: relay.NodeID[str]
    stage: str
    start_date: date
    contact: Contact
    deliveries: DjangoListConnection[ServiceDelivery] = strawberry_django.connection()

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return queryset.order_by("-start_date", "-id")


@strawberry.type
class Query:
    engagements: DjangoListConnection[Engagement] = strawberry_django.connection()


schema = strawberry.Schema(query=Query, extensions=[DjangoOptimizerExtension])

"""graphene-django, hand-tuned the way Saleor's resolvers are: one query for the page
with its contacts joined and each engagement's delivery count annotated, one prefetch
of each engagement's first deliveries (cut in SQL), one count. Connections are built
from those rows; ids are relay global ids of the public id, as Casebridge's."""

import graphene
from django.db.models import Count, Prefetch
from graphene_django import DjangoObjectType
from graphql import FieldNode
from graphql_relay import offset_to_cursor, to_global_id

from bench.peers import models

PAGE_MAX = 100


class Contact(DjangoObjectType):
    id = graphene.ID(required=True)

    class Meta:
        model = models.Contact
        fields = ("first_name", "last_name")

    @staticmethod
    def resolve_id(root, info):
        return to_global_id("Contact", root.public_id)


class ServiceDelivery(DjangoObjectType):
    id = graphene.ID(required=True)

    class Meta:
        model = models.ServiceDelivery
        fields = ("date", "attendance")

    @staticmethod
    def resolve_id(root, info):
        return to_global_id("ServiceDelivery", root.public_id)


class DeliveryConnection(graphene.relay.Connection):
    total_count = graphene.Int(required=True)

    class Meta:
        node = ServiceDelivery


def connection(cls, rows: list, total: int):
    edges = [cls.Edge(node=row, cursor=offset_to_cursor(n)) for n, row in enumerate(rows)]
    page_info = graphene.relay.PageInfo(
        has_next_page=total > len(rows),
        has_previous_page=False,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return cls(edges=edges, page_info=page_info, total_count=total)


class Engagement(DjangoObjectType):
    id = graphene.ID(required=True)
    deliveries = graphene.Field(DeliveryConnection, required=True, first=graphene.Int())

    class Meta:
        model = models.Engagement
        fields = ("stage", "start_date", "contact")

    @staticmethod
    def resolve_id(root, info):
        return to_global_id("Engagement", root.public_id)

    @staticmethod
    def resolve_deliveries(root, info, first=None):
        return connection(DeliveryConnection, root.page_deliveries, root.delivery_count)


class EngagementConnection(graphene.relay.Connection):
    total_count = graphene.Int(required=True)

    class Meta:
        node = Engagement


def nested_first(info, name: str) -> int:
    """The `first` asked of a field nested under this one (edges → node → name)."""

    def find(selection_set):
        for node in selection_set.selections if selection_set else ():
            if isinstance(node, FieldNode):
                if node.name.value == name:
                    for argument in node.arguments:
                        if argument.name.value == "first":
                            value = argument.value
                            if hasattr(value, "name"):  # a variable
                                return info.variable_values.get(value.name.value)
                            return int(value.value)
                    return None
                found = find(node.selection_set)
                if found is not None:
                    return found
        return None

    return min(find(info.field_nodes[0].selection_set) or PAGE_MAX, PAGE_MAX)


class Query(graphene.ObjectType):
    engagements = graphene.Field(
        EngagementConnection, required=True, first=graphene.Int(required=True)
    )

    @staticmethod
    def resolve_engagements(root, info, first):
        deliveries = models.ServiceDelivery.objects.order_by("-date", "-id")
        page = (
            models.Engagement.objects.select_related("contact")
            .annotate(delivery_count=Count("deliveries"))
            .prefetch_related(
                Prefetch(
                    "deliveries",
                    queryset=deliveries[: nested_first(info, "deliveries")],
                    to_attr="page_deliveries",
                )
            )
            .order_by("-start_date", "-id")
        )
        rows = list(page[: min(first, PAGE_MAX)])
        return connection(EngagementConnection, rows, models.Engagement.objects.count())


schema = graphene.Schema(query=Query)

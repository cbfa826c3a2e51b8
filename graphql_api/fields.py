"""Model types whose plain columns and global ids resolve on graphql-core's fast path.

strawberry-django marks every field it makes as needing its own resolver, so each
column of each row builds an Info, converts (no) arguments and runs the resolver chain:
on a page of 100 engagements with their deliveries that is thousands of calls for
values already loaded. Here a column that is not a relation and has no resolver,
permission or extension is read straight off the row, and a node's global id is built
from its public id the same way. Relations, connections and resolvers keep
strawberry-django's path; the optimizer still sees every field (and is told that the
global id needs `public_id`, so it may select only the columns a query asks for).
"""

from base64 import b64encode
from typing import Any

import strawberry_django
from django.db import models
from strawberry import relay
from strawberry_django.fields.field import StrawberryDjangoField

from graphql_api.reads import reads_noting


class ColumnField(StrawberryDjangoField):
    @property
    def is_basic_field(self) -> bool:
        return (
            self.base_resolver is None
            and not self.is_relation
            and not self.extensions
            and not self.permission_classes
            and self.origin_django_type is not None
        )

    def get_result(self, source, info, args, kwargs) -> Any:
        if info is None:  # graphql-core's fast path for a basic field: a loaded row
            return getattr(source, self.django_name)
        return super().get_result(source, info, args, kwargs)


class GlobalIdField(ColumnField):
    """`id`: "Type:public_id", the same global id relay.Node would build, without its
    per-object resolver. The database key never leaves the partner."""

    type_name: str = ""

    @property
    def is_basic_field(self) -> bool:
        return True

    def get_result(self, source, info, args, kwargs) -> str:
        # The serialized form of relay.GlobalID(type_name, public id), built directly.
        return b64encode(f"{self.type_name}:{source.public_id}".encode()).decode()


def model_type(model: type[models.Model], *, name: str, read_as: str = "", **options):
    """strawberry_django.type with the fast paths above, for the partner's types. With
    `read_as` (a casework.access RecordType), every record the API returns is logged as
    read (graphql_api.reads)."""

    def wrap(cls):
        if read_as:
            cls.is_type_of = reads_noting(cls, model, read_as)
        is_node = issubclass(cls, relay.Node)
        if is_node:
            field = GlobalIdField(
                graphql_name="id", description="The Globally Unique ID of this object"
            )
            field.type_name = name
            cls.__annotations__["_id"] = relay.GlobalID
            cls._id = field
            options["only"] = [*options.get("only", ()), "public_id"]
        return strawberry_django.type(model, name=name, field_cls=ColumnField, **options)(cls)

    return wrap

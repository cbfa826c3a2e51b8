"""How a plain field's value is read off its row, as one call.

strawberry's resolver for a basic field goes through two wrappers before the field's
get_result reads the attribute (ColumnField, GlobalIdField: graphql_api.fields; the
attribute itself for strawberry's own fields such as an edge's node or cursor). On a
page of a hundred engagements that is thousands of calls; here the same read is made
directly when the field's class is one whose get_result is known, and through the
resolver otherwise. A connection's totalCount is read from the optimizer's window
count on its first row when there is one (DjangoListConnection.total_count does the
same); otherwise the reader raises and the field goes the ordinary way.
"""

from base64 import b64encode
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from graphql import GraphQLField
from strawberry.types.field import StrawberryField
from strawberry_django.fields.field import StrawberryDjangoField
from strawberry_django.relay import DjangoListConnection

from graphql_api.fields import ColumnField, GlobalIdField

_DEFINITION = "strawberry-definition"
_TOTAL_COUNT = next(
    f
    for f in DjangoListConnection.__strawberry_definition__.fields
    if f.python_name == "total_count"
).base_resolver.wrapped_func


def reader_of(field: GraphQLField) -> Callable[[Any], Any]:
    """A one-argument reader giving what `field.resolve(source, None)` gives."""
    definition = (field.extensions or {}).get(_DEFINITION)
    kind = type(definition)
    if kind is GlobalIdField:
        prefix = f"{definition.type_name}:"

        def global_id(source) -> str:
            return b64encode(f"{prefix}{source.public_id}".encode()).decode()

        return global_id
    if kind is ColumnField and definition.is_basic_field:
        return attrgetter(definition.django_name)
    if (
        kind is StrawberryField
        and definition.base_resolver is None
        and not definition.extensions
        and getattr(definition, "default_resolver", None) is getattr
    ):
        return attrgetter(definition.python_name)
    resolve = field.resolve
    return lambda source: resolve(source, None)


def is_total_count(field: GraphQLField) -> bool:
    """DjangoListConnection's own totalCount (a resolver, no permission or extension)."""
    definition = (field.extensions or {}).get(_DEFINITION)
    resolver = getattr(definition, "base_resolver", None)
    return (
        resolver is not None
        and resolver.wrapped_func is _TOTAL_COUNT
        and not definition.extensions
        and not definition.permission_classes
    )


def total_count(source) -> int:
    """The window count the optimizer put on the first row; raises when there is none
    (no row, not a DjangoListConnection, no annotation)."""
    if not isinstance(source, DjangoListConnection):
        raise TypeError("not a connection")
    return source.edges[0].node._strawberry_total_count


def cached_relation(field: GraphQLField):
    """For a plain strawberry-django foreign key (no resolver, argument, permission or
    extension), a `resolve(source, info)` giving the related row the optimizer already
    loaded (selected or prefetched through the related type's get_queryset, so only a
    visible row, or None), as strawberry-django's get_result would; it raises when the
    relation is not loaded (the ordinary path then loads it). None for other fields."""
    definition = (field.extensions or {}).get(_DEFINITION)
    if type(definition) not in (StrawberryDjangoField, ColumnField) or field.args:
        return None
    if definition.base_resolver is not None or definition.extensions:
        return None
    if definition.permission_classes or not definition.is_relation:
        return None
    django_type = definition.origin_django_type
    model = getattr(django_type, "model", None)
    descriptor = getattr(model, definition.django_name or definition.python_name, None)
    if not isinstance(descriptor, ForwardManyToOneDescriptor):
        return None
    get_cached_value = descriptor.field.get_cached_value

    def resolve(source, _info):
        if not isinstance(source, model):
            raise TypeError("not a row of the model")
        return get_cached_value(source)  # KeyError when not loaded

    return resolve

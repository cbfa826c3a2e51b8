"""A nested connection already loaded by the optimizer's prefetch, built without the
field machinery.

On a page of 100 engagements, `deliveries(first: 10)` is resolved once per engagement:
each time graphql-core builds a resolve info, strawberry converts the arguments and
runs the extension chain, strawberry-django asks the related manager for its queryset,
runs the type's get_queryset hook (which returns a prefetched queryset unchanged) and
builds the connection from the prefetched rows. The rows were fetched, filtered in SQL
by the type's get_queryset and paginated with a window function in ONE query for all
engagements (the optimizer's prefetch); the arguments were applied there. So when the
related manager hands back such a prefetched queryset, the connection is built from it
directly, by strawberry-django's own resolve_optimized_connection_by_prefetch, as the
ordinary path would. Anything else (no prefetch, a resolver, a permission or extension
of the field's own, another connection class) goes the ordinary way.
"""

from typing import Any

from django.db.models import Model, QuerySet
from django.db.models.fields.related_descriptors import ReverseManyToOneDescriptor
from graphql import GraphQLField, GraphQLNonNull, GraphQLObjectType, Undefined
from strawberry_django.fields.field import (
    StrawberryDjangoConnectionExtension,
    StrawberryDjangoField,
)
from strawberry_django.optimizer import is_optimized_by_prefetching
from strawberry_django.relay import DjangoListConnection

from graphql_api.fields import ColumnField

CONNECTION = "connection"
_DEFINITION = "strawberry-definition"
_DEFAULT_RESOLVER = "StrawberryDjangoConnectionExtension.apply.<locals>.default_resolver"


def prefetched_connection(field: GraphQLField):
    """(CONNECTION, attribute, connection class, object type, return type, model, the
    prefetch cache's name for a reverse foreign key) for a plain
    strawberry-django connection over a relation; None for any other field."""
    definition = (field.extensions or {}).get(_DEFINITION)
    if type(definition) not in (StrawberryDjangoField, ColumnField):
        return None
    if not definition.is_connection or definition.permission_classes:
        return None
    extensions = definition.extensions
    if len(extensions) != 1 or type(extensions[0]) is not StrawberryDjangoConnectionExtension:
        return None
    resolver = definition.base_resolver
    if resolver is None or getattr(resolver.wrapped_func, "__qualname__", "") != _DEFAULT_RESOLVER:
        return None
    connection = extensions[0].connection_type
    if not (
        isinstance(connection, type)
        and issubclass(connection, DjangoListConnection)
        and connection.resolve_optimized_connection_by_prefetch.__func__
        is DjangoListConnection.resolve_optimized_connection_by_prefetch.__func__
        and connection.resolve_connection.__func__
        is DjangoListConnection.resolve_connection.__func__
    ):
        return None
    named = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    if not isinstance(named, GraphQLObjectType):
        return None
    attribute = definition.django_name or definition.python_name
    model = getattr(definition.origin_django_type, "model", None)
    descriptor = getattr(model, attribute, None)
    cache_name = None
    if type(descriptor) is ReverseManyToOneDescriptor:
        # Where the related manager's get_queryset finds the prefetched rows.
        cache_name = descriptor.field.remote_field.cache_name
    return (CONNECTION, attribute, connection, named, field.type, model, cache_name)


def prefetched_rows(how, source) -> Any:
    """The prefetched queryset (rows loaded) strawberry-django would build the
    connection from, or Undefined (the ordinary path: not a row, no prefetch)."""
    _, attribute, _, _, _, model, cache_name = how
    if not isinstance(source, Model):
        return Undefined
    if cache_name is not None and isinstance(source, model):
        # What the reverse foreign key's manager.all() returns when prefetched, without
        # making a manager for each row.
        nodes = source.__dict__.get("_prefetched_objects_cache", {}).get(cache_name)
        if nodes is None:
            return Undefined
    else:
        try:
            nodes = getattr(source, attribute).all()
        except Exception:
            return Undefined
    if (
        not isinstance(nodes, QuerySet)
        or nodes._result_cache is None
        or not is_optimized_by_prefetching(nodes)
    ):
        return Undefined
    return nodes


def connection_of(how, nodes) -> Any:
    """The connection built from the prefetched `nodes`, or Undefined (the ordinary
    path: rows without the optimizer's window annotations)."""
    connection = how[2]
    try:
        built = connection.resolve_optimized_connection_by_prefetch(nodes, info=None)
    except AttributeError:  # as DjangoListConnection.resolve_connection falls back
        return Undefined
    built.nodes = nodes
    return built

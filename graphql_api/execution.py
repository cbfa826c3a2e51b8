"""graphql-core's executor with a short path for plain columns.

A page of 100 engagements with their deliveries asks for ~2,200 plain values (ids,
names, dates) among ~3,100 fields. graphql-core runs each through the full field
machinery: a path, a resolve info, the resolver, completion, the awaitable checks. A
field strawberry marks as basic (no resolver, argument, permission or extension: a
loaded column, or a global id built from the row's public id, see graphql_api.fields)
that returns a scalar or an enum is read here straight off the row and serialized by
its type, as graphql-core's completion would. Anything out of the ordinary (a null
where the type forbids one, a value the scalar cannot serialize) goes the ordinary way,
so errors read and propagate exactly as before; so does every field when an extension
wraps resolvers (middleware), and every mutation (fields run one after another there).
Nothing here decides what may be seen: rows come from the same querysets, filtered in
SQL by each type's get_queryset, as before.
"""

import weakref
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    Undefined,
)
from graphql.pyutils import Path, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

COLUMN, OBJECT = "column", "object"

# schema → type name → field name → (resolve, serialize, non-null) for the columns read
# directly.
_columns: "weakref.WeakKeyDictionary[GraphQLSchema, dict[str, dict]]" = weakref.WeakKeyDictionary()


def columns_of(schema: GraphQLSchema) -> dict[str, dict]:
    """Type name → the fields read directly (see direct_fields), filled as types are met."""
    per_type = _columns.get(schema)
    if per_type is None:
        per_type = _columns[schema] = {}
    return per_type


def direct_fields(parent_type: GraphQLObjectType) -> dict:
    """The fields of `parent_type` read directly: strawberry's basic fields (resolver
    marked `_is_default`) without arguments whose type is a scalar, an enum (COLUMN:
    serialized here) or an object type (OBJECT: its own fields executed as usual)."""
    found = {}
    for name, field in parent_type.fields.items():
        if not getattr(field.resolve, "_is_default", False) or field.args:
            continue
        named = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
        if isinstance(named, GraphQLScalarType | GraphQLEnumType):
            found[name] = (COLUMN, field.resolve, named.serialize, named is not field.type)
        elif isinstance(named, GraphQLObjectType):
            found[name] = (OBJECT, field.resolve, named, field.type)
    return found


class Executor(StrawberryGraphQLCoreExecutionContext):
    _per_type = None

    def _direct(self, parent_type: GraphQLObjectType) -> dict:
        """The fields of parent_type read directly (none when middleware wraps resolvers)."""
        per_type = self._per_type
        if per_type is None:
            manager = self.middleware_manager
            if manager is not None and manager._middleware_resolvers is not None:
                per_type = self._per_type = _NOTHING
            else:
                per_type = self._per_type = columns_of(self.schema)
        found = per_type.get(parent_type.name)
        if found is None:
            found = per_type[parent_type.name] = direct_fields(parent_type)
        return found

    def _object(self, how, source, field_details_list, path, position_context) -> Any:
        """An object read off `source` and its own fields executed; Undefined for the
        ordinary path (no object, or not the type: graphql-core then says so)."""
        _, resolve, object_type, return_type = how
        try:
            value = resolve(source, None)
        except Exception:
            return Undefined
        if value is None and object_type is return_type:
            return None  # a nullable object left empty
        if value is None or (
            object_type.is_type_of and object_type.is_type_of(value, None) is not True
        ):
            return Undefined
        try:
            completed = self.collect_and_execute_subfields(
                object_type, field_details_list, path, value, position_context
            )
        except Exception as raw_error:  # as graphql-core's execute_field handles it
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None
        if not self.is_awaitable(completed):
            return completed

        async def await_completed() -> Any:
            try:
                return await completed
            except Exception as raw_error:
                self.handle_field_error(raw_error, return_type, field_details_list, path)
                return None

        return await_completed()

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set,
        position_context,
    ):
        """graphql-core's execute_fields, with plain columns read directly."""
        direct = self._direct(parent_type)
        results: dict[str, Any] = {}
        is_awaitable = self.is_awaitable
        awaitable_fields: list[str] = []
        try:
            for response_name, field_details_list in grouped_field_set.items():
                how = direct.get(field_details_list[0].node.name.value)
                if how is not None and how[0] is COLUMN:
                    value = _read(how, source_value)
                    if value is not Undefined:
                        results[response_name] = value
                        continue
                field_path = Path(path, response_name, parent_type.name)
                result = Undefined
                if how is not None and how[0] is OBJECT:
                    result = self._object(
                        how, source_value, field_details_list, field_path, position_context
                    )
                if result is Undefined:
                    result = self.execute_field(
                        parent_type, source_value, field_details_list, field_path, position_context
                    )
                if result is not Undefined:
                    results[response_name] = result
                    if is_awaitable(result):
                        awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[field] for field in awaitable_fields])
            raise

        if not awaitable_fields:
            return results

        async def get_results() -> dict[str, Any]:
            awaited = await gather_with_cancel(*(results[field] for field in awaitable_fields))
            results.update(zip(awaitable_fields, awaited, strict=True))
            return results

        return get_results()


class _Nothing(dict):
    """No type has fields read directly (middleware wraps every resolver)."""

    def __setitem__(self, key, value) -> None:
        pass

    def get(self, key, default=None):
        return {}


_NOTHING = _Nothing()


def _read(column, source) -> Any:
    """The serialized value, or Undefined for the ordinary path (a null where the type
    forbids one, a value the scalar refuses, a resolver that raised: graphql-core then
    reports it as usual)."""
    _, resolve, serialize, non_null = column
    try:
        value = resolve(source, None)
        if value is None:
            return Undefined if non_null else None
        serialized = serialize(value)
    except Exception:
        return Undefined
    return Undefined if serialized is None or serialized is Undefined else serialized

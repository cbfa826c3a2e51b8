"""graphql-core's executor with a short path for plain columns, objects and lists.

A page of 100 engagements with their deliveries asks for ~2,200 plain values (ids,
names, dates) among ~3,100 fields. graphql-core runs each through the full field
machinery: a path, a resolve info, the resolver, completion, the awaitable checks. A
field strawberry makes basic (`_get_basic_result`: no resolver, argument, permission or
extension; a loaded column, a global id built from the row's public id, see
graphql_api.fields, a connection's edges, an edge's node) is read here straight off the
row: a scalar or an enum serialized by its type, as graphql-core's completion would; an
object, or a list of objects, has its own fields executed as usual. Anything out of the
ordinary (a null where the type forbids one, a value the scalar cannot serialize, an
item of another type) goes the ordinary way, so errors read and propagate exactly as
before (tests/graphql_api/test_execution.py and test_execution_prefetched.py compare
both executors); so does every field when an extension wraps resolvers (middleware),
and a mutation's own fields (run one after another).

Relations are read here only when the optimizer already loaded them through the related
type's get_queryset: a foreign key's cached row (graphql_api.readers.cached_relation),
a nested connection's prefetched rows (graphql_api.prefetched; its answer written
straight from them when it asks only for totalCount, edges' cursors and nodes:
graphql_api.edges). Otherwise strawberry-django resolves them as before. Nothing here
decides what may be seen: rows come from the same querysets, filtered in SQL by each
type's get_queryset, as before.
"""

import weakref
from functools import cached_property
from types import SimpleNamespace
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLString,
    Undefined,
)
from graphql.pyutils import Path, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graphql_api.edges import PrefetchedEdges
from graphql_api.prefetched import CONNECTION, connection_of, prefetched_connection, prefetched_rows
from graphql_api.readers import cached_relation, is_total_count, reader_of, total_count

COLUMN, OBJECT, LIST = "column", "object", "list"

# schema → type name → field name → how it is read (see direct_fields).
_columns: "weakref.WeakKeyDictionary[GraphQLSchema, dict[str, dict]]" = weakref.WeakKeyDictionary()


def columns_of(schema: GraphQLSchema) -> dict[str, dict]:
    """Type name → the fields read directly (see direct_fields), filled as types are met."""
    per_type = _columns.get(schema)
    if per_type is None:
        per_type = _columns[schema] = {}
    return per_type


def direct_fields(parent_type: GraphQLObjectType) -> dict:
    """The fields of `parent_type` read directly: strawberry's basic fields without
    arguments whose type is a scalar, an enum (COLUMN: serialized here), an object type
    (OBJECT: its own fields executed as usual) or a list of non-null objects (LIST: each
    item's fields executed as usual); a loaded foreign key (OBJECT), a plain
    strawberry-django connection (CONNECTION: built from prefetched rows when there are
    some), a connection's totalCount and __typename (COLUMN)."""
    found = {}
    for name, field in parent_type.fields.items():
        connection = prefetched_connection(field)
        if connection is not None:
            found[name] = connection
            continue
        if is_total_count(field) and not field.args and isinstance(field.type, GraphQLScalarType):
            found[name] = (COLUMN, total_count, field.type.serialize, False)
            continue
        named = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
        relation = cached_relation(field)
        if relation is not None and isinstance(named, GraphQLObjectType):
            found[name] = (OBJECT, relation, named, field.type)
            continue
        if not _is_basic(field.resolve) or field.args:
            continue
        if isinstance(named, GraphQLScalarType | GraphQLEnumType):
            found[name] = (COLUMN, reader_of(field), named.serialize, named is not field.type)
        elif isinstance(named, GraphQLObjectType):
            found[name] = (OBJECT, field.resolve, named, field.type)
        elif (
            isinstance(named, GraphQLList)
            and isinstance(named.of_type, GraphQLNonNull)
            and isinstance(named.of_type.of_type, GraphQLObjectType)
        ):
            found[name] = (LIST, field.resolve, named.of_type, field.type)
    type_name = parent_type.name
    found["__typename"] = (COLUMN, lambda _source: type_name, GraphQLString.serialize, True)
    return found


def _is_basic(resolve) -> bool:
    """strawberry's resolver for a basic field (no resolver, permission or extension:
    `_get_basic_result`). Its other resolvers are marked `_is_default` too when the
    field has no resolver function of its own (a relation, a permission): not those."""
    return getattr(resolve, "_is_default", False) and resolve.__name__ == "_get_basic_result"


class Executor(PrefetchedEdges, StrawberryGraphQLCoreExecutionContext):
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

    @cached_property
    def _type_check(self) -> SimpleNamespace:
        """What a type's is_type_of may read on the short path: the request's context
        (who looked notes each record returned on it: graphql_api/reads.py)."""
        return SimpleNamespace(context=self.context_value)

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
        return self._complete(
            value, object_type, return_type, field_details_list, path, position_context
        )

    def _connection(self, how, source, field_details_list, path, position_context) -> Any:
        """A nested connection built from prefetched rows (graphql_api.prefetched) and
        its own fields executed; Undefined for the ordinary path."""
        if field_details_list[0].node.directives:
            return Undefined
        nodes = prefetched_rows(how, source)
        if nodes is Undefined:
            return Undefined
        _, _, connection, object_type, return_type, *_ = how
        plan = self._edges_plan(object_type, field_details_list, connection)
        if plan is not None:
            try:
                written = self._write_connection(
                    plan, object_type, nodes._result_cache, path, position_context
                )
            except Exception as raw_error:  # as graphql-core's execute_field handles it
                self.handle_field_error(raw_error, return_type, field_details_list, path)
                return None
            if written is not Undefined and self.is_awaitable(written):

                async def settled() -> Any:
                    try:
                        return await written
                    except Exception as raw_error:
                        self.handle_field_error(raw_error, return_type, field_details_list, path)
                        return None

                return settled()
            if written is not Undefined:
                return written
        value = connection_of(how, nodes)
        if value is Undefined:
            return Undefined
        return self._complete(
            value, object_type, return_type, field_details_list, path, position_context
        )

    def _complete(
        self, value, object_type, return_type, field_details_list, path, position_context
    ):
        """`value`'s own fields executed, as graphql-core completes an object; Undefined
        for the ordinary path (no object, or not the type: graphql-core then says so)."""
        if value is None or (
            object_type.is_type_of and object_type.is_type_of(value, self._type_check) is not True
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

    def _list(self, how, source, field_details_list, path, position_context) -> Any:
        """A list of objects read off `source`, each item's own fields executed;
        Undefined for the ordinary path (not a list, an item missing or of another type,
        a directive such as @stream on the field)."""
        _, resolve, item_type, return_type = how
        object_type = item_type.of_type
        if field_details_list[0].node.directives:
            return Undefined
        try:
            items = resolve(source, None)
        except Exception:
            return Undefined
        if not isinstance(items, list | tuple):
            return Undefined
        is_type_of = object_type.is_type_of
        for item in items:
            if item is None or (is_type_of and is_type_of(item, self._type_check) is not True):
                return Undefined
        completed, awaitable = [], []
        try:
            for index, item in enumerate(items):
                item_path = path.add_key(index, None)
                try:
                    value = self.collect_and_execute_subfields(
                        object_type, field_details_list, item_path, item, position_context
                    )
                except Exception as raw_error:  # a non-null item: raised, located at it
                    self.handle_field_error(raw_error, item_type, field_details_list, item_path)
                    value = None  # (only when errors do not propagate)
                if self.is_awaitable(value):
                    awaitable.append((index, item_path))
                completed.append(value)
        except Exception as raw_error:  # as graphql-core's execute_field handles it
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None
        if not awaitable:
            return completed

        async def await_completed() -> Any:
            try:
                for index, item_path in awaitable:
                    try:
                        completed[index] = await completed[index]
                    except Exception as raw_error:
                        self.handle_field_error(raw_error, item_type, field_details_list, item_path)
            except Exception as raw_error:
                self.handle_field_error(raw_error, return_type, field_details_list, path)
                return None
            return completed

        return await_completed()

    def _plan(self, parent_type: GraphQLObjectType, grouped_field_set) -> list:
        """(response name, field details, how it is read) for each field of a selection,
        worked out once per request for each object type and selection (graphql-core
        collects a list's items' fields once: the same grouped field set each time)."""
        plans = self.__dict__.setdefault("_plans", {})
        key = (parent_type.name, id(grouped_field_set))
        kept = plans.get(key)
        if kept is not None and kept[0] is grouped_field_set:
            return kept[1]
        direct = self._direct(parent_type)
        plan = [
            (response_name, details, direct.get(details[0].node.name.value))
            for response_name, details in grouped_field_set.items()
        ]
        plans[key] = (grouped_field_set, plan)  # kept alive with it: its id stays its own
        return plan

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set,
        position_context,
    ):
        """graphql-core's execute_fields, with plain columns read directly."""
        results: dict[str, Any] = {}
        is_awaitable = self.is_awaitable
        awaitable_fields: list[str] = []
        try:
            for response_name, field_details_list, how in self._plan(
                parent_type, grouped_field_set
            ):
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
                elif how is not None and how[0] is LIST:
                    result = self._list(
                        how, source_value, field_details_list, field_path, position_context
                    )
                elif how is not None and how[0] is CONNECTION:
                    result = self._connection(
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
    _, read, serialize, non_null = column
    try:
        value = read(source)
        if value is None:
            return Undefined if non_null else None
        serialized = serialize(value)
    except Exception:
        return Undefined
    return Undefined if serialized is None or serialized is Undefined else serialized

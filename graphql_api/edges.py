"""A prefetched connection's answer written straight from its rows.

When a nested connection's selection asks only for `totalCount`, `edges { cursor node
{...} }` and `__typename`, building a connection object, an edge object and a cursor
per row for graphql-core to read back is most of the work left: here the answer is
written from the rows directly, each node's own fields executed as usual (so its
visibility checks, read logging and errors are the ordinary ones). The values are
those strawberry-django's resolve_optimized_connection_by_prefetch and
DjangoListConnection.total_count give: the optimizer's window row number (the cursor)
and count. Any other selection (pageInfo, a directive, @defer), an empty page asked
for its totalCount, rows without the window annotations or not of the node's type, or
error propagation turned off: the connection is built and completed the ordinary way.
"""

from typing import Any

from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, Undefined
from graphql.pyutils import Path
from strawberry.relay.utils import to_base64
from strawberry_django.relay.utils import resolve_edge_class

_CONNECTION_FIELDS = {"totalCount", "edges", "__typename"}
_EDGE_FIELDS = {"node", "cursor", "__typename"}


class PrefetchedEdges:
    """Executor methods (graphql_api.execution.Executor) for a prefetched connection."""

    def _edges_plan(self, connection_type: GraphQLObjectType, field_details_list, connection):
        """How to write the connection's selection, worked out once per request and
        selection; None when it is not one written here."""
        plans = self.__dict__.setdefault("_edges_plans", {})
        key = (connection_type.name, id(field_details_list))
        kept = plans.get(key)
        if kept is not None and kept[0] is field_details_list:
            return kept[1]
        plan = self._make_edges_plan(connection_type, field_details_list, connection)
        plans[key] = (field_details_list, plan)
        return plan

    def _make_edges_plan(self, connection_type, field_details_list, connection):
        if not getattr(self, "error_propagation", True):
            return None
        grouped, deferred, *_ = self.collect_subfields(connection_type, field_details_list)
        if deferred or not set(grouped) or _names(grouped) - _CONNECTION_FIELDS:
            return None
        fields = []
        for response_name, details in grouped.items():
            name = details[0].node.name.value
            if details[0].node.directives:
                return None
            if name != "edges":
                fields.append((response_name, name, None))
                continue
            edges_type = connection_type.fields["edges"].type
            if not (
                isinstance(edges_type, GraphQLNonNull)
                and isinstance(edges_type.of_type, GraphQLList)
                and isinstance(edges_type.of_type.of_type, GraphQLNonNull)
            ):
                return None
            edge_type = edges_type.of_type.of_type.of_type
            edge_grouped, edge_deferred, *_ = self.collect_subfields(edge_type, details)
            if edge_deferred or _names(edge_grouped) - _EDGE_FIELDS:
                return None
            node_type = edge_type.fields["node"].type
            if not isinstance(node_type, GraphQLNonNull) or any(
                d[0].node.directives for d in edge_grouped.values()
            ):
                return None
            edge_fields = [
                (edge_name, edge_details[0].node.name.value, edge_details)
                for edge_name, edge_details in edge_grouped.items()
            ]
            prefix = resolve_edge_class(connection).CURSOR_PREFIX
            fields.append((response_name, name, (edge_type, node_type, edge_fields, prefix)))
        return fields

    def _write_connection(self, plan, connection_type, rows, path, position_context) -> Any:
        """The connection's answer from `rows`, or Undefined (the ordinary path) before
        anything is executed."""
        names = [name for _, name, _ in plan]
        if not rows and "totalCount" in names:
            return Undefined  # strawberry-django counts in SQL then: the ordinary way
        try:
            for row in rows:
                row._strawberry_row_number  # noqa: B018 - the window annotations are there
                row._strawberry_total_count  # noqa: B018
        except AttributeError:
            return Undefined
        for _, name, edges in plan:
            if name == "edges":
                node_type = edges[1].of_type
                if node_type.is_type_of and not all(
                    node_type.is_type_of(row, self._type_check) is True for row in rows
                ):
                    return Undefined
        results: dict[str, Any] = {}
        pending: list = []
        for response_name, name, edges in plan:
            if name == "totalCount":
                results[response_name] = rows[0]._strawberry_total_count
            elif name == "__typename":
                results[response_name] = connection_type.name
            else:
                results[response_name] = self._write_edges(
                    edges,
                    rows,
                    Path(path, response_name, connection_type.name),
                    pending,
                    position_context,
                )
        if not pending:
            return results

        async def awaited() -> dict[str, Any]:
            for target, key, node_type, details, node_path in pending:
                try:
                    target[key] = await target[key]
                except Exception as raw_error:
                    self.handle_field_error(raw_error, node_type, details, node_path)
                    raise
            return results

        return awaited()

    def _write_edges(self, edges, rows, path, pending, position_context) -> list:
        edge_type, node_type, edge_fields, prefix = edges
        object_type = node_type.of_type
        written = []
        for index, row in enumerate(rows):
            item_path = path.add_key(index, None)
            edge: dict[str, Any] = {}
            for response_name, name, details in edge_fields:
                if name == "node":  # its type checked already (_write_connection)
                    node_path = Path(item_path, response_name, edge_type.name)
                    try:
                        value = self.collect_and_execute_subfields(
                            object_type, details, node_path, row, position_context
                        )
                    except Exception as raw_error:  # non-null: raised again, located here
                        self.handle_field_error(raw_error, node_type, details, node_path)
                        raise
                    edge[response_name] = value
                    if self.is_awaitable(value):
                        pending.append((edge, response_name, node_type, details, node_path))
                elif name == "cursor":
                    edge[response_name] = to_base64(prefix, row._strawberry_row_number - 1)
                else:
                    edge[response_name] = edge_type.name
            written.append(edge)
        return written


def _names(grouped) -> set[str]:
    return {details[0].node.name.value for details in grouped.values()}

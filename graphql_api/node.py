"""`node(id:)`: a global id names a type and a UUID public id; the lookup goes through
that type's visibility, so a foreign or hidden object is simply null (not found)."""

import uuid

import strawberry
from strawberry import relay
from strawberry.types import Info


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global id; null when not found.")
    def node(self, info: Info, id: relay.GlobalID) -> relay.Node | None:  # noqa: A002
        try:
            uuid.UUID(id.node_id)
        except (ValueError, TypeError):
            return None
        try:
            type_def = id.resolve_type(info)
        except Exception:  # noqa: BLE001 - an unknown type name is "not found"
            return None
        if not (isinstance(type_def, type) and issubclass(type_def, relay.Node)):
            return None
        return id.resolve_node_sync(info, required=False)

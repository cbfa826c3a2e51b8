"""Reading global ids given as input: the type must match and the id must be a UUID
public id, or the object is "not found" (never "forbidden")."""

import uuid

from strawberry import relay


def public_id_of(global_id: relay.GlobalID | None, type_name: str) -> uuid.UUID | None:
    if global_id is None or global_id.type_name != type_name:
        return None
    try:
        return uuid.UUID(global_id.node_id)
    except (ValueError, TypeError):
        return None


def by_global_id(queryset, global_id: relay.GlobalID | None, type_name: str):
    """The record of that global id among those the queryset (a selector's, scoped to the
    user) lets through, or None: another partner's, another type's or a made-up id alike."""
    public_id = public_id_of(global_id, type_name)
    return queryset.filter(public_id=public_id).first() if public_id else None

"""Who looked, through the API. Each time the API returns a client record of a type
marked `read_as=` (graphql_api.fields.model_type), its public id is noted on the request
(graphql-core asks the type's `is_type_of` for every object it completes); once the
operation has run, the view writes one row per type with every id
(casework.access.services.read_log), from "API" and the token's name."""

from strawberry.types.cast import get_strawberry_type_cast

from casework.access.models import ReadVia
from casework.access.services import reads_log

NOTED = "records_read"


def read_noted(request, record_type: str, public_id) -> None:
    by_type = request.__dict__.setdefault(NOTED, {})
    by_type.setdefault(record_type, {})[public_id] = None  # an ordered set


def reads_written(request) -> None:
    """The reads noted during this request: one row per type, in one statement."""
    noted = request.__dict__.pop(NOTED, None)
    if not noted:
        return
    token = getattr(request, "api_token", None)
    reads_log(
        actor=request.user,
        reads={record_type: list(ids) for record_type, ids in noted.items()},
        via=ReadVia.API,
        token_name=token.name if token is not None else "",
    )


def reads_noting(cls, model, record_type: str):
    """A type's `is_type_of` (what strawberry-django would give it) that also notes the
    record as read."""

    def is_type_of(type_cls, obj, info) -> bool:
        cast = get_strawberry_type_cast(obj)
        if cast is not None:
            return cast is cls
        if isinstance(obj, model):
            request = getattr(info.context, "request", None)
            if request is not None:  # an in-process execution has no request to log on
                read_noted(request, record_type, obj.public_id)
            return True
        return isinstance(obj, cls)

    return classmethod(is_type_of)

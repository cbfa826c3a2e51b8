"""Errors a client can act on, and masking for everything else.

Domain refusals come back inside a mutation's payload as `errors { field message code }`.
Problems with the request itself (limits, read-only tokens) are GraphQL errors with a
`code` extension. Anything unexpected is masked: no stack trace, no SQL."""

import logging

import strawberry
from django.core.exceptions import PermissionDenied, ValidationError
from graphql import GraphQLError
from strawberry.extensions import MaskErrors
from strawberry.relay.types import GlobalIDValueError

logger = logging.getLogger("graphql_api")

NOT_FOUND = "NOT_FOUND"
INVALID = "INVALID"
REFUSED = "REFUSED"


class ApiError(Exception):
    """A request-level error whose message is safe to show the client."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.extensions = {"code": code}


def api_graphql_error(message: str, code: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code})


@strawberry.type(description="Why a mutation did not happen, tied to an input field.")
class FieldError:
    field: str | None = strawberry.field(
        description="The input field at fault (camelCase), or null for the whole request."
    )
    message: str
    code: str = strawberry.field(description="NOT_FOUND, INVALID or REFUSED.")


def _camel(name: str | None) -> str | None:
    if not name or name == "__all__":
        return None
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def not_found(field: str, what: str) -> list[FieldError]:
    return [FieldError(field=_camel(field), message=f"No {what} with this id.", code=NOT_FOUND)]


def errors_from(exc: Exception, *, prefix: str = "") -> list[FieldError]:
    """A service's ValidationError or refusal, as field errors (prefix: "rows.3.")."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return [
            FieldError(
                field=_camel(prefix + field) if field != "__all__" else None,
                message=m,
                code=INVALID,
            )
            for field, messages in exc.message_dict.items()
            for m in messages
        ]
    if isinstance(exc, ValidationError):
        return [FieldError(field=None, message=m, code=INVALID) for m in exc.messages]
    if isinstance(exc, PermissionDenied):
        message = getattr(exc, "message", None) or str(exc) or "You cannot do this."
        return [
            FieldError(field=_camel(getattr(exc, "field", None)), message=message, code=REFUSED)
        ]
    raise exc


def payload_of(payload_cls, work, *, renamed: dict[str, str] | None = None):
    """How every mutation calls its service: `work()` returns the payload; the service's
    refusal or ValidationError comes back as `payload_cls(errors=…)` instead, with the
    service's field names (camelCase) renamed to this mutation's input fields where
    `renamed` says (e.g. {"programme": "programmeId"})."""
    try:
        return work()
    except (ValidationError, PermissionDenied) as exc:
        errors = errors_from(exc)
        for error in errors:
            error.field = (renamed or {}).get(error.field, error.field)
        return payload_cls(errors=errors)


def payload_with(payload_cls, key: str, work, *, renamed: dict[str, str] | None = None):
    """`payload_of` for a service that returns the record itself: it goes in `key`."""
    return payload_of(payload_cls, lambda: payload_cls(**{key: work()}), renamed=renamed)


def _should_mask(error: GraphQLError) -> bool:
    original = error.original_error
    # A malformed global id in the input: the message names the argument and the value.
    # A GraphQLError underneath is graphql-core's own word on the client's input (a
    # variable's value its type cannot take): it names the variable and the value.
    if original is None or isinstance(original, ApiError | GlobalIDValueError | GraphQLError):
        return False
    logger.error("GraphQL error masked", exc_info=original)
    return True


def mask_errors() -> MaskErrors:
    return MaskErrors(
        should_mask_error=_should_mask,
        error_message="Something went wrong on our side. The error has been logged.",
    )

"""Who is calling: an API token (Authorization: Bearer) or a portal session.

Tokens live in the partner's schema, so a token of another partner is simply not
found and gets exactly the same answer as a made-up one."""

import json
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from strawberry.types import Info

from graphql_api.errors import ApiError
from tenants.accounts.services.tokens import api_token_authenticate

UNAUTHENTICATED = "UNAUTHENTICATED"
RATE_LIMITED = "RATE_LIMITED"
READ_ONLY = "READ_ONLY"


def json_error(status: int, message: str, code: str, **headers) -> HttpResponse:
    body = json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]})
    response = HttpResponse(body, status=status, content_type="application/json")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def unauthenticated() -> HttpResponse:
    """One answer for every token that does not work here, whatever the reason."""
    return json_error(
        401,
        "Send a valid API token (Authorization: Bearer …) or sign in to the portal.",
        UNAUTHENTICATED,
        WWW_Authenticate='Bearer realm="casebridge"',
    )


def bearer_of(request) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def authenticate_token(request, bearer: str):
    token = api_token_authenticate(bearer=bearer)
    if token is None:
        return None
    request.user = token.user
    request.api_token = token
    return token


def rate_limited(token) -> HttpResponse | None:
    """A fixed one-minute window per token, counted in the cache (Redis with REDIS_URL)."""
    limit = settings.GRAPHQL_RATE_LIMIT_PER_MINUTE
    window = int(time.time() // 60)
    key = f"graphql-rate:{token.public_id}:{window}"
    try:  # counted first: the window's count exists for all but its first request
        count = cache.incr(key)
    except ValueError:  # the window's first request (or its count just expired)
        count = 1 if cache.add(key, 1, timeout=120) else cache.incr(key)
    if count <= limit:
        return None
    retry = 60 - int(time.time()) % 60
    return json_error(
        429,
        f"Too many requests for this API token: at most {limit} a minute. "
        f"Try again in {retry} seconds.",
        RATE_LIMITED,
        Retry_After=str(retry),
    )


def user_of(info: Info):
    return info.context.request.user


def token_of(info: Info):
    return getattr(info.context.request, "api_token", None)


def check_can_write(info: Info) -> None:
    token = token_of(info)
    if token is not None and not token.can_write:
        raise ApiError(
            "This API token can only read: mutations need a read and write token.", READ_ONLY
        )

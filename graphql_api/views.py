"""/graphql/ on a partner's domain.

Token requests are exempt from CSRF (no cookie is involved); session requests keep
Django's CSRF check. GraphiQL only when DEBUG. A JSON list (batched operations) is
refused before anything runs."""

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt
from strawberry.django.views import GraphQLView

from graphql_api import auth
from graphql_api.reads import reads_written
from graphql_api.schema import schema
from tenants.postgresql_backend.base import search_path_kept


def _not_batched(request) -> HttpResponse | None:
    if request.method != "POST" or not request.body.lstrip().startswith(b"["):
        return None
    return auth.json_error(
        400, "Send one operation per request: batched operations are not accepted.", "BATCHED"
    )


class CasebridgeGraphQLView(GraphQLView):
    def dispatch(self, request, *args, **kwargs):
        # The partner's search_path set once for the request, not before each statement
        # (still set again after a rollback: see tenants/postgresql_backend).
        with search_path_kept():
            return self._dispatch(request, *args, **kwargs)

    def _dispatch(self, request, *args, **kwargs):
        bearer = auth.bearer_of(request)
        if bearer is not None:
            if auth.authenticate_token(request, bearer) is None:
                return auth.unauthenticated()
            refused = auth.rate_limited(request.api_token)
            if refused is not None:
                return refused
        else:
            # A portal session: the cookie alone must not let another site post here.
            csrf = CsrfViewMiddleware(lambda r: None)
            refused = csrf.process_view(request, None, (), {})
            if refused is not None:
                return refused
            if not (request.user.is_authenticated and request.user.is_active):
                # GraphiQL itself may load in development; every operation needs a user.
                if not (settings.DEBUG and request.method == "GET" and "query" not in request.GET):
                    return auth.unauthenticated()
        refused = _not_batched(request)
        if refused is not None:
            return refused
        response = super().dispatch(request, *args, **kwargs)
        reads_written(request)  # who looked: one row per type of record returned
        return response


def graphql_view():
    return csrf_exempt(
        CasebridgeGraphQLView.as_view(
            schema=schema,
            graphql_ide="graphiql" if settings.DEBUG else None,
            allow_queries_via_get=False,
        )
    )

"""The directory published read-only in Open Referral UK's API shape, on the platform
domain: open to anyone without a key (it holds only services' public facts), any origin
may read it, answers are cached until the directory changes, and each address may ask
ORUK_RATE_LIMIT_PER_MINUTE times a minute. Routed from config.urls_public."""

import hashlib
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse

from referrals.oruk import query, serialise
from referrals.oruk.taxonomies import taxonomies, terms_by_id
from tenants.accounts.signin import client_ip
from tenants.directory_cache import published_directory_version

PROFILE_URL = "https://openreferraluk.org/"
CACHE_SECONDS = 300


def _cors(response: HttpResponse) -> HttpResponse:
    # The same for everyone: no cookie, no Vary: Cookie (tenants.middleware).
    response.public_answer = True
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
    return response


def _error(status: int, message: str, **extra) -> JsonResponse:
    response = JsonResponse({"status": status, "message": message, **extra}, status=status)
    response["Cache-Control"] = "no-store"
    return _cors(response)


def _rate_limited(request) -> JsonResponse | None:
    """A fixed one-minute window per address, counted in the cache."""
    limit = settings.ORUK_RATE_LIMIT_PER_MINUTE
    window = int(time.time() // 60)
    key = f"oruk-rate:{client_ip(request) or 'unknown'}:{window}"
    if cache.add(key, 1, timeout=120):
        return None
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=120)
        return None
    if count <= limit:
        return None
    retry = 60 - int(time.time()) % 60
    response = _error(
        429,
        f"Too many requests from this address: at most {limit} a minute. "
        f"Try again in {retry} seconds.",
    )
    response["Retry-After"] = str(retry)
    return response


def oruk_endpoint(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Max-Age"] = "86400"
            return _cors(response)
        if request.method not in ("GET", "HEAD"):
            response = _error(405, "This API is read-only: use GET.")
            response["Allow"] = "GET, HEAD, OPTIONS"
            return response
        refused = _rate_limited(request)
        if refused is not None:
            return refused
        # With or without a trailing slash: the same answer, cached once.
        path = request.path.rstrip("/") + "?" + request.META.get("QUERY_STRING", "")
        digest = hashlib.sha256(path.encode()).hexdigest()
        key = f"oruk:{published_directory_version()}:{digest}"
        body = cache.get(key)
        if body is None:
            try:
                data = view(request, *args, **kwargs)
            except query.BadParameter as exc:
                return _error(400, exc.message, parameter=exc.parameter)
            if isinstance(data, HttpResponse):
                return data  # an error, already marked not to be stored
            response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
            cache.set(key, response.content, CACHE_SECONDS)
        else:
            response = HttpResponse(body, content_type="application/json")
        response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
        return _cors(response)

    return wrapped


def _page(request, items, serialise_one) -> dict:
    """Open Referral's page envelope over a queryset or a list: one count query and one
    page query for a queryset."""
    page = query.page_of(request.GET)
    total = len(items) if isinstance(items, list) else items.count()
    start = (page.number - 1) * page.per_page
    rows = list(items[start : start + page.per_page])
    total_pages = max(1, math.ceil(total / page.per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page.number,
        "size": len(rows),
        "first_page": page.number == 1,
        "last_page": page.number >= total_pages,
        "empty": not rows,
        "contents": [serialise_one(row) for row in rows],
    }


def _not_found(what: str) -> JsonResponse:
    return _error(404, f"No {what} with this id is published here.")


@oruk_endpoint
def api_info(request):
    return {
        "version": "3.0",
        "profile": PROFILE_URL,
        "openapi_url": "https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/schema/openapi.json",
    }


@oruk_endpoint
def services(request):
    return _page(request, query.services_matching(request.GET), serialise.service_summary)


@oruk_endpoint
def service_detail(request, service_id):
    entry = query.service_by_id(service_id)
    return _not_found("service") if entry is None else serialise.service_full(entry)


@oruk_endpoint
def service_at_locations(request):
    places = query.places_matching(request.GET)
    return _page(request, places, lambda p: serialise.service_at_location(p, p.entry, nested=False))


@oruk_endpoint
def taxonomy_list(request):
    return _page(request, list(taxonomies()), serialise.taxonomy)


@oruk_endpoint
def taxonomy_detail(request, taxonomy_id):
    found = next((t for t in taxonomies() if t.id == taxonomy_id.lower()), None)
    if found is None:
        return _not_found("taxonomy")
    data = serialise.taxonomy(found)
    data["taxonomy_terms"] = [serialise.taxonomy_term(t) for t in found.terms]
    return data


@oruk_endpoint
def taxonomy_term_list(request):
    terms = list(terms_by_id().values())
    raw = request.GET.get("taxonomy_id")
    if raw:
        wanted = next((t for t in taxonomies() if t.id == raw.lower()), None)
        if wanted is None:
            raise query.BadParameter(
                "taxonomy_id", "taxonomy_id is not a taxonomy here: see /oruk/taxonomies."
            )
        terms = [t for t in terms if t.taxonomy_key == wanted.key]
    return _page(request, terms, serialise.taxonomy_term)


@oruk_endpoint
def taxonomy_term_detail(request, term_id):
    term = terms_by_id().get(term_id.lower())
    return _not_found("taxonomy term") if term is None else serialise.taxonomy_term(term)

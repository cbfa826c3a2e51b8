"""Views shared by the platform domain and the partner portals: health, errors."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tenants import health


@never_cache
@require_GET
def healthz(request):
    db_ok, db_detail = health.database_status()
    broker_ok, broker_detail = health.broker_status()
    body = {
        "status": "ok" if db_ok and broker_ok else "unavailable",
        "database": db_detail,
        "broker": broker_detail,
        "worker_heartbeat_age_seconds": health.worker_heartbeat_age() if db_ok else None,
    }
    return JsonResponse(body, status=200 if db_ok and broker_ok else 503)


# Error pages say nothing about what exists: the same 404 for "no such record"
# and "a record of another partner".
def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_500(request):
    # No context processors: the database may be what failed.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("errors/500.html").render())

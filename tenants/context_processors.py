from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django_tenants.utils import get_public_schema_name

from tenants.accounts import capabilities as cap


def portal(request):
    partner = getattr(request, "tenant", None)
    on_platform = partner is None or partner.schema_name == get_public_schema_name()
    return {
        "partner": None if on_platform else partner,
        "on_platform": on_platform,
        "service_name": "Casebridge",
        "help_url": getattr(request, "help_url", None),
        "debug": settings.DEBUG,
        # Navigation only: every view checks the policy itself.
        "nav_users": SimpleLazyObject(
            lambda: (
                not on_platform
                and getattr(request, "user", None) is not None
                and request.user.is_authenticated
                and request.user.has_perm(cap.MANAGE_USERS)
            )
        ),
        "nav_casework": SimpleLazyObject(
            lambda: (
                not on_platform
                and getattr(request, "user", None) is not None
                and request.user.is_authenticated
                and request.user.has_perm(cap.RECORD_CASEWORK)
            )
        ),
    }

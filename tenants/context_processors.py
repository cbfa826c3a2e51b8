from django.conf import settings
from django_tenants.utils import get_public_schema_name


def portal(request):
    partner = getattr(request, "tenant", None)
    on_platform = partner is None or partner.schema_name == get_public_schema_name()
    return {
        "partner": None if on_platform else partner,
        "on_platform": on_platform,
        "service_name": "Casebridge",
        "help_url": getattr(request, "help_url", None),
        "debug": settings.DEBUG,
    }

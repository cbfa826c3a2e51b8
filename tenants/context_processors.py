from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django_tenants.utils import get_public_schema_name


def portal(request):
    partner = getattr(request, "tenant", None)
    on_platform = partner is None or partner.schema_name == get_public_schema_name()
    return {
        "partner": None if on_platform else partner,
        "on_platform": on_platform,
        "service_name": "Casebridge",
        "help_url": help_url_for(request, on_platform=on_platform),
        "debug": settings.DEBUG,
    }


def help_url_for(request, *, on_platform: bool) -> str | None:
    """The header's Help link: the manual page for the screen's help key (set by the
    `help_key` decorator), or the manual's start for screens without one. The page
    itself is chosen, for the reader's role, when the link is followed (cms.views)."""
    explicit = getattr(request, "help_url", None)
    if explicit:
        return explicit
    if on_platform:
        from tenants.views.console_help import section_for

        match = getattr(request, "resolver_match", None)
        section = section_for(match.url_name if match else None)
        try:
            return reverse("console_help") + (f"#{section}" if section else "")
        except NoReverseMatch:  # an unknown host: no console here either
            return None
    key = getattr(request, "help_key", None)
    if key:
        try:
            return reverse("manual_help", args=[key])
        except NoReverseMatch:  # not a slug: the manual's start will do
            return reverse("manual_home")
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return reverse("manual_home")
    return None

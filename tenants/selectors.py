from django.db.models import QuerySet

from tenants import policy
from tenants.models import Partner, PostcodeDistrict


def partners_visible_to(*, actor):
    """Partner organisations, for platform staff only."""
    if not policy.is_platform_user(actor):
        return Partner.objects.none()
    return (
        Partner.objects.organisations()
        .select_related("training_of")
        .prefetch_related("domains")
        .order_by("name")
    )


def postcode_districts(*, code_start: str = "") -> QuerySet[PostcodeDistrict]:
    """The platform's postcode districts (reference data, the same for every partner);
    with `code_start`, only the codes that start with it."""
    rows = PostcodeDistrict.objects.all()
    return rows.filter(code__startswith=code_start) if code_start else rows


def partner_get(*, slug: str, active_only: bool = False) -> Partner | None:
    """A partner by its short name, as forms and the API name a receiver; None if none."""
    partners = Partner.objects.filter(slug=slug)
    return (partners.filter(is_active=True) if active_only else partners).first()

from tenants import policy
from tenants.models import Partner


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

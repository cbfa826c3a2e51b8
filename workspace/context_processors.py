from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django_tenants.utils import get_public_schema_name

from workspace.menu import Link, menu_for


def menu(request):
    """The header's main menu, built only when a page shows it."""

    def build():
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return []
        partner = getattr(request, "tenant", None)
        if partner is None or partner.schema_name == get_public_schema_name():
            return [Link("Partners", reverse("home"), request.path == "/")]
        return menu_for(user=user, partner=partner, path=request.path)

    return {"main_menu": SimpleLazyObject(build)}

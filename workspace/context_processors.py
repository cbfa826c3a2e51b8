from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django_tenants.utils import get_public_schema_name

from casework.policy import can_record_casework
from workspace.menu import Link, menu_for, menu_items_for


def menu(request):
    """The header's main menu and its search, each worked out only when a page shows it
    (from the rights CapabilitiesMiddleware loaded for this request: no query)."""

    def build():
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return []
        partner = getattr(request, "tenant", None)
        if partner is None or partner.schema_name == get_public_schema_name():
            return [Link("Partners", reverse("home"), request.path == "/")]
        return menu_for(user=user, partner=partner, path=request.path)

    def pages() -> frozenset[str]:
        # The menu's pages (URL names) for this user here: the search results show a
        # section only where its kind of record is this partner's work and this role's.
        user = getattr(request, "user", None)
        partner = getattr(request, "tenant", None)
        if partner is None or partner.schema_name == get_public_schema_name():
            return frozenset()
        return frozenset(item.url_name for item in menu_items_for(user=user, partner=partner))

    def searches_casework() -> bool:
        # Only the search box: the search's view checks the policy itself.
        user = getattr(request, "user", None)
        partner = getattr(request, "tenant", None)
        return (
            user is not None
            and partner is not None
            and partner.schema_name != get_public_schema_name()
            and can_record_casework(user)
        )

    return {
        "main_menu": SimpleLazyObject(build),
        "nav_casework": SimpleLazyObject(searches_casework),
        "menu_pages": SimpleLazyObject(pages),
    }

from django.core.exceptions import PermissionDenied


def withheld(request, *args, **kwargs):
    """Wagtail's user and group management: refused for everyone (see cms/wagtail_hooks.py)."""
    raise PermissionDenied("Accounts are managed on the Users page, under the delegation rule.")

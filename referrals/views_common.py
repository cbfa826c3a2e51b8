"""Helpers shared by the support-line and exchange screens."""

from django.core.exceptions import PermissionDenied

from casework.views_common import found, page_of  # noqa: F401 - re-exported for the screens


def require(allowed: bool, message: str = "Your role does not include this screen.") -> None:
    """Screens that show no single record: refused as a whole (403) for roles without it."""
    if not allowed:
        raise PermissionDenied(message)


def yes(value) -> bool:
    return value == "yes"

"""Reads of exports: a user sees only the exports they asked for themselves."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from reports.models import Export


def exports_of(*, user) -> QuerySet[Export]:
    if not user.is_authenticated or not user.is_active:
        return Export.objects.none()
    return Export.objects.filter(requested_by=user)


def export_get(*, user, public_id) -> Export | None:
    try:
        return exports_of(user=user).filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None

"""Reading files and photos: always through what the user may see, filtered in SQL."""

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from casework import policy as casework_policy
from casework.files.models import ClientFile, ContactPhoto
from casework.selectors import engagements_visible_to


def files_visible_to(*, user) -> QuerySet[ClientFile]:
    """Files on records the user may see (policy.can_see_file is the same rule for one)."""
    if not casework_policy.can_record_casework(user):
        return ClientFile.objects.none()
    return ClientFile.objects.filter(
        removed_at__isnull=True, contact__removed_at__isnull=True
    ).filter(
        Q(engagement__isnull=True)
        | Q(engagement__in=engagements_visible_to(user=user).values("pk"))
    )


def _on(files: QuerySet[ClientFile], *, contact=None, engagement=None) -> QuerySet[ClientFile]:
    if engagement is not None:
        return files.filter(engagement=engagement)
    return files.filter(contact=contact)


def files_on(*, user, contact=None, engagement=None) -> QuerySet[ClientFile]:
    """A contact's files (their own and those in engagements the user may see) or an
    engagement's, newest first, in one query."""
    return _on(files_visible_to(user=user), contact=contact, engagement=engagement).select_related(
        "uploaded_by", "engagement__programme"
    )


def files_count(*, user, contact=None, engagement=None) -> int:
    return _on(files_visible_to(user=user), contact=contact, engagement=engagement).count()


def file_get(*, user, public_id) -> ClientFile | None:
    """A file the user may see, or None (another partner's, removed, or not theirs)."""
    try:
        return (
            files_visible_to(user=user)
            .select_related("contact", "engagement__programme", "engagement__contact")
            .filter(public_id=public_id)
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        return None


def photo_current(*, user, contact) -> ContactPhoto | None:
    """The photo on the contact's card, for staff who may see the contact."""
    if not casework_policy.can_record_casework(user):
        return None
    return ContactPhoto.objects.filter(
        contact=contact, contact__removed_at__isnull=True, removed_at__isnull=True
    ).first()


def photo_get(*, user, public_id) -> ContactPhoto | None:
    if not casework_policy.can_record_casework(user):
        return None
    try:
        return (
            ContactPhoto.objects.filter(removed_at__isnull=True, contact__removed_at__isnull=True)
            .select_related("contact")
            .filter(public_id=public_id)
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        return None


def photos_earlier(*, user, contact) -> list[ContactPhoto]:
    """The photos taken off the card: when, by whom and why (their images are not served)."""
    if not casework_policy.can_record_casework(user):
        return []
    return list(
        ContactPhoto.objects.filter(contact=contact, removed_at__isnull=False)
        .select_related("uploaded_by", "removed_by")
        .order_by("-removed_at")[:20]
    )

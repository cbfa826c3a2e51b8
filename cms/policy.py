"""Who may read what of the manual beyond its pages (which cms.selectors scope)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from cms import selectors
from tenants.accounts import capabilities as cap


def can_edit_manual(user) -> bool:
    return user.is_authenticated and (
        user.has_perm(cap.EDIT_MANUAL) or user.has_perm(cap.APPROVE_MANUAL)
    )


def can_approve_manual(user) -> bool:
    """Reviewers of the manual's changes (the approval workflow's groups)."""
    return user.is_authenticated and user.is_active and user.has_perm(cap.APPROVE_MANUAL)


def can_propose_manual_changes(user) -> bool:
    """Editors, whose changes go through approval."""
    return user.is_authenticated and user.is_active and user.has_perm(cap.EDIT_MANUAL)


def can_read_document(user, document) -> bool:
    """A manual's document (a video, an attachment) is for whoever may read at least one
    live page that uses it, and for the manual's editors: a page for designated
    safeguarding leads must not hand its attachments to every member of staff."""
    if not user.is_authenticated:
        return False
    if can_edit_manual(user):
        return True
    page_type = ContentType.objects.get_for_model(Page)
    using = ReferenceIndex.get_references_to(document).filter(base_content_type=page_type)
    page_ids = {int(object_id) for object_id in using.values_list("object_id", flat=True)}
    if not page_ids:
        return False
    readable = (
        selectors.topics_visible_to(actor=user).filter(pk__in=page_ids).exists()
        or selectors.chapters_visible_to(actor=user).filter(pk__in=page_ids).exists()
    )
    home = selectors.manual_home()
    return readable or (home is not None and home.pk in page_ids)

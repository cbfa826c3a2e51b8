"""Who may see and change casework. Contacts are visible to all of a partner's
staff who record casework; an engagement and everything under it to its owner,
to managers (VIEW_ALL_CASEWORK) and to those it is shared with (a guardian
object permission)."""

from django.core.exceptions import PermissionDenied

from tenants.accounts import capabilities as cap

SHARED_ENGAGEMENT = "casework.view_shared_engagement"


class CaseworkRefused(PermissionDenied):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def can_record_casework(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(cap.RECORD_CASEWORK)


def check_record_casework(user) -> None:
    if not can_record_casework(user):
        raise CaseworkRefused("Your role does not include recording casework.")


def can_see_all_engagements(user) -> bool:
    return user.is_active and user.has_perm(cap.VIEW_ALL_CASEWORK)


def can_see_engagement(user, engagement) -> bool:
    """One engagement, in Python; selectors.engagements_visible_to is the same rule in
    SQL (tests/casework/test_engagement_visibility.py proves they agree)."""
    return (
        user.is_authenticated
        and user.is_active
        and (
            can_see_all_engagements(user)
            or engagement.owner_id == user.pk
            or user.has_perm(SHARED_ENGAGEMENT, engagement)
        )
    )


def can_share_engagement(user, engagement) -> bool:
    """Managers share and reassign; an owner may share their own."""
    return can_see_all_engagements(user) or engagement.owner_id == user.pk


def check_share_engagement(user, engagement) -> None:
    if not can_share_engagement(user, engagement):
        raise CaseworkRefused("Only the engagement's owner or a manager can share it.")


def check_reassign_engagement(user) -> None:
    if not can_see_all_engagements(user):
        raise CaseworkRefused("Only a manager can give an engagement to someone else.")


def can_manage_programmes(user) -> bool:
    return user.is_active and user.has_perm(cap.MANAGE_PROGRAMMES)


def check_manage_programmes(user) -> None:
    if not can_manage_programmes(user):
        raise CaseworkRefused("Only managers keep the programme and service catalogue.")

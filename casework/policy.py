"""Who may see and change casework. Contacts are visible to all of a partner's
staff who record casework; an engagement and everything under it to its owner,
to managers (VIEW_ALL_CASEWORK) and to those it is shared with (a guardian
object permission)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError

from tenants.accounts import capabilities as cap
from tenants.hooks import hook_register

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


@dataclass(frozen=True)
class EngagementAccessRule:
    """Another way to see one engagement, registered by a sub-app in its ready() (emergency
    access, casework.access): `allows(user, engagement)` answers for one record, and
    `condition(user)` is the same rule as a Q over engagements, so the two stay twins."""

    allows: Callable[..., bool]
    condition: Callable[..., object]


engagement_access_rules: list[EngagementAccessRule] = []


def engagement_access_register(rule: EngagementAccessRule) -> None:
    """Add a way to see an engagement (once per rule)."""
    hook_register(engagement_access_rules, rule)


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
            or any(rule.allows(user, engagement) for rule in engagement_access_rules)
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


# --- changing what was recorded ------------------------------------------------------

# Deliveries whose session is older than this need a reason to change.
DELIVERY_REASON_DAYS = 7
# A child's identity: changing it needs a reason.
CHILD_IDENTITY = ("first_name", "last_name", "date_of_birth")


def can_edit_engagement(user, engagement) -> bool:
    """The engagement's owner and managers change what is recorded in it while it is
    open; once it has ended, only a manager (with a reason)."""
    if not can_record_casework(user):
        return False
    if can_see_all_engagements(user):
        return True
    return engagement.is_open and engagement.owner_id == user.pk


def can_change_group_session(user, session) -> bool:
    """A group session as a whole (its attendees not recorded by name): whoever recorded
    it, and managers. Its rows are each their engagement's (can_edit_engagement)."""
    return can_record_casework(user) and (
        session.recorded_by_id == user.pk or can_see_all_engagements(user)
    )


def check_change_group_session(user, session) -> None:
    if not can_change_group_session(user, session):
        raise CaseworkRefused("Only whoever recorded the group session or a manager can change it.")


def check_move_group_session(user, engagements) -> None:
    """Moving a group session to another service or day moves every client's row with
    it: whoever moves it must be allowed to change each row's engagement."""
    for engagement in engagements:
        if not can_edit_engagement(user, engagement):
            raise CaseworkRefused(
                f"{engagement.contact.display_name}'s row is in an engagement you cannot "
                "change: ask its owner or a manager to move the session."
            )


def check_edit_engagement(user, engagement) -> None:
    if can_edit_engagement(user, engagement):
        return
    if not engagement.is_open and can_see_engagement(user, engagement):
        raise CaseworkRefused(
            "This engagement has ended: only a manager can change what is recorded in it, "
            "with a reason."
        )
    raise CaseworkRefused(
        "Only the engagement's owner or a manager can change what is recorded in it."
    )


def contact_change_needs_reason(contact, changes: dict) -> bool:
    """A child's names or date of birth."""
    return contact.kind == "child" and any(
        field in changes and _differs(getattr(contact, field), changes[field])
        for field in CHILD_IDENTITY
    )


def engagement_change_needs_reason(engagement) -> bool:
    """Anything on an engagement that has ended."""
    return not engagement.is_open


def session_needs_reason(*dates, today=None) -> bool:
    """A session older than DELIVERY_REASON_DAYS (its date before or after the change)."""
    oldest = (today or date.today()) - timedelta(days=DELIVERY_REASON_DAYS)
    return any(d and d < oldest for d in dates)


def delivery_change_needs_reason(engagement, *dates, today=None) -> bool:
    """An old session, or anything on an engagement that has ended."""
    return engagement_change_needs_reason(engagement) or session_needs_reason(*dates, today=today)


def check_reason(needed: bool, reason: str, *, why: str) -> None:
    """Raises a field error on `reason` when one is needed and none was given."""
    if needed and not (reason or "").strip():
        raise ValidationError({"reason": f"Say why you are making this change: {why}."})


def _differs(old, new) -> bool:
    if isinstance(old, str) or isinstance(new, str):
        return (old or "").strip() != (new or "").strip()
    return old != new


def check_removal_reason(reason: str) -> None:
    """Nothing is removed without saying why."""
    if not (reason or "").strip():
        raise ValidationError(
            {"reason": "Say why it is being removed, for example “entered in error”."}
        )


def can_keep_consent_settings(user) -> bool:
    """How long given consent lasts before its review: the data protection role's."""
    return user.is_authenticated and user.is_active and user.has_perm(cap.PROTECT_DATA)


def check_keep_consent_settings(user) -> None:
    if not can_keep_consent_settings(user):
        raise CaseworkRefused("Only the data protection role changes when consent is reviewed.")

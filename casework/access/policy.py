"""Who may see who looked at a record, whose reading history may be opened, and who may
ask for, review and switch off emergency access. Written once here: the tabs, the report,
the review list, the settings page and the API ask these."""

from casework import policy as casework_policy
from casework.policy import CaseworkRefused
from casework.safeguarding.policy import can_approve_closures, is_dsl
from tenants.accounts import capabilities as cap

__all__ = ["CaseworkRefused"]


def protects_data(user) -> bool:
    """The data protection officer's role."""
    return user.is_authenticated and user.is_active and user.has_perm(cap.PROTECT_DATA)


def can_see_who_looked(user) -> bool:
    """Managers, safeguarding leads and supervisors, and the data protection role."""
    return (
        user.is_authenticated
        and user.is_active
        and (
            casework_policy.can_see_all_engagements(user)
            or can_approve_closures(user)
            or protects_data(user)
        )
    )


def can_see_reads_of(user) -> bool:
    """A user's reading history ("what did this account look at"): the data protection
    role and managers."""
    return protects_data(user) or (
        user.is_authenticated and casework_policy.can_see_all_engagements(user)
    )


def check_see_reads_of(user) -> None:
    if not can_see_reads_of(user):
        raise CaseworkRefused(
            "Only a manager or the data protection officer can see what an account looked at."
        )


def can_ask_emergency_access(user, engagement, *, allowed: bool) -> bool:
    """Someone recording casework who may not see the engagement, where the partner allows it."""
    return (
        allowed
        and casework_policy.can_record_casework(user)
        and not casework_policy.can_see_engagement(user, engagement)
    )


def check_ask_emergency_access(user, engagement, *, allowed: bool) -> None:
    if not allowed:
        raise CaseworkRefused("Your organisation has turned emergency access off.")
    if not can_ask_emergency_access(user, engagement, allowed=allowed):
        raise CaseworkRefused("You can already see this engagement, or cannot record casework.")


def can_review_emergency_access(user) -> bool:
    """The safeguarding leads (and the data protection role, who answers for the log)."""
    return user.is_authenticated and user.is_active and (is_dsl(user) or protects_data(user))


def check_review_emergency_access(user) -> None:
    if not can_review_emergency_access(user):
        raise CaseworkRefused("Only a safeguarding lead reviews emergency access.")


def can_change_settings(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and (casework_policy.can_see_all_engagements(user) or protects_data(user))
    )


def check_change_settings(user) -> None:
    if not can_change_settings(user):
        raise CaseworkRefused("Only a manager or the data protection officer can change this.")

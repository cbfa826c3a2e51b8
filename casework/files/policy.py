"""Who may see, add and remove files and photos. A file is seen by whoever may see the
record it hangs on (a contact: every caseworker; an engagement: its owner, managers and
those it is shared with); selectors.files_visible_to is the same rule in SQL. The photo
on a contact's card is seen, changed and removed by caseworkers, who all see contacts."""

from casework import policy as casework_policy
from casework.notes.policy import can_write_note
from casework.policy import CaseworkRefused

__all__ = ["CaseworkRefused"]


def can_see_file(user, client_file) -> bool:
    if not casework_policy.can_record_casework(user) or client_file.is_removed:
        return False
    engagement = client_file.engagement
    return engagement is None or casework_policy.can_see_engagement(user, engagement)


def can_add_file(user, *, engagement=None) -> bool:
    """As for a note: on a contact any caseworker; on an engagement whoever may see it
    while it is open, and once it has ended a manager."""
    return can_write_note(user, engagement=engagement)


def check_add_file(user, *, engagement=None) -> None:
    if can_add_file(user, engagement=engagement):
        return
    casework_policy.check_record_casework(user)
    if engagement is not None and casework_policy.can_see_engagement(user, engagement):
        raise CaseworkRefused("This engagement has ended: only a manager can add files to it.")
    raise CaseworkRefused("You cannot add files to this engagement.")


def can_remove_file(user, client_file) -> bool:
    """Who uploaded it, or a manager, while they may see it."""
    return can_see_file(user, client_file) and (
        client_file.uploaded_by_id == user.pk or casework_policy.can_see_all_engagements(user)
    )


def removes_files_it_sees(user):
    """For files a selector already found visible to `user`: file -> may remove it, the
    same answer as can_remove_file without asking again, per file, about the record."""
    manager = casework_policy.can_see_all_engagements(user)
    return lambda client_file: manager or client_file.uploaded_by_id == user.pk


def check_remove_file(user, client_file) -> None:
    if not can_remove_file(user, client_file):
        raise CaseworkRefused("Only who uploaded a file, or a manager, can remove it.")


def can_change_photo(user) -> bool:
    return casework_policy.can_record_casework(user)


def check_change_photo(user) -> None:
    casework_policy.check_record_casework(user)

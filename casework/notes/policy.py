"""Who may read, write, amend and correct notes. A note is seen by whoever may see the
record it hangs on (a contact: every caseworker; an engagement: its owner, managers and
those it is shared with); a confidential one only by its author, managers and
designated safeguarding leads. selectors.notes_visible_to is the same rule in SQL."""

from django.utils import timezone

from casework import policy as casework_policy
from casework.policy import CaseworkRefused
from casework.safeguarding.policy import is_dsl
from tenants.accounts import capabilities as cap

__all__ = ["CaseworkRefused"]


def reads_confidential_notes(user) -> bool:
    """Managers and designated safeguarding leads read every confidential note."""
    return user.is_active and (user.has_perm(cap.VIEW_ALL_CASEWORK) or is_dsl(user))


def can_see_record_of(user, note) -> bool:
    """The record the note hangs on (not the note's own confidentiality)."""
    if not casework_policy.can_record_casework(user):
        return False
    return note.engagement is None or casework_policy.can_see_engagement(user, note.engagement)


def can_read_note(user, note) -> bool:
    return can_see_record_of(user, note) and (
        not note.confidential or note.author_id == user.pk or reads_confidential_notes(user)
    )


def can_write_note(user, *, engagement=None) -> bool:
    """On a contact, any caseworker; on an engagement, whoever may see it while it is
    open, and once it has ended a manager."""
    if not casework_policy.can_record_casework(user):
        return False
    if engagement is None:
        return True
    return casework_policy.can_see_engagement(user, engagement) and (
        engagement.is_open or casework_policy.can_see_all_engagements(user)
    )


def check_write_note(user, *, engagement=None) -> None:
    if can_write_note(user, engagement=engagement):
        return
    casework_policy.check_record_casework(user)
    if engagement is not None and casework_policy.can_see_engagement(user, engagement):
        raise CaseworkRefused("This engagement has ended: only a manager can add notes to it.")
    raise CaseworkRefused("You cannot add notes to this engagement.")


def in_amend_window(note, *, now=None) -> bool:
    from casework.notes.models import AMEND_WINDOW

    return (now or timezone.now()) < note.created_at + AMEND_WINDOW


def can_amend_note(user, note, *, now=None) -> bool:
    """Only its author, within 24 hours of writing it; after that it is corrected."""
    return (
        note.author_id == user.pk and can_read_note(user, note) and in_amend_window(note, now=now)
    )


def check_amend_note(user, note, *, now=None) -> None:
    if can_amend_note(user, note, now=now):
        return
    if note.author_id != user.pk:
        raise CaseworkRefused("Only the person who wrote a note can amend it.")
    raise CaseworkRefused(
        "A note can be amended only in the 24 hours after it was written: add a correction "
        "beside it instead."
    )


def can_correct_note(user, note) -> bool:
    """Its author, or a manager or designated safeguarding lead (they answer for the
    record), while they may read it."""
    return can_read_note(user, note) and (
        note.author_id == user.pk or reads_confidential_notes(user)
    )


def check_correct_note(user, note) -> None:
    if not can_correct_note(user, note):
        raise CaseworkRefused(
            "Only who wrote it, a manager or a designated safeguarding lead can correct a note."
        )


def note_actions(user):
    """For notes a selector already found readable by `user`: note -> (may amend, may
    correct), the same answers as can_amend_note and can_correct_note without asking
    again, per note, whether the record may be seen."""
    answers_for_the_record = reads_confidential_notes(user)

    def actions(note) -> tuple[bool, bool]:
        mine = note.author_id == user.pk
        return mine and in_amend_window(note), mine or answers_for_the_record

    return actions

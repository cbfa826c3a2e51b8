"""Who may see and write events. An event is seen by its staff and by whoever may see
every engagement it is part of (an event with no engagement: every caseworker, as a
contact's record is); selectors.events_visible_to is the same rule in SQL. Events are
written by whoever records casework and may see the event; the partner's whole calendar
is for managers."""

from casework import policy as casework_policy
from casework.policy import CaseworkRefused

__all__ = ["CaseworkRefused"]


def can_record_events(user) -> bool:
    return casework_policy.can_record_casework(user)


def check_record_events(user) -> None:
    casework_policy.check_record_casework(user)


def can_see_partner_calendar(user) -> bool:
    """Managers see everyone's events (those they may see) by colleague."""
    return can_record_events(user) and casework_policy.can_see_all_engagements(user)


def check_see_partner_calendar(user) -> None:
    if not can_see_partner_calendar(user):
        raise CaseworkRefused("Only a manager can see the partner's calendar.")


def can_see_event(user, event) -> bool:
    """One event (its attendees and staff loaded); the selector's rule in Python."""
    if not (user.is_authenticated and user.is_active):
        return False
    if any(member.pk == user.pk for member in event.staff.all()):
        return True
    if not can_record_events(user):
        return False
    return all(
        row.engagement is None or casework_policy.can_see_engagement(user, row.engagement)
        for row in event.attendees.all()
    )


def can_change_event(user, event) -> bool:
    return can_record_events(user) and can_see_event(user, event)


def check_change_event(user, event) -> None:
    check_record_events(user)
    if not can_see_event(user, event):
        raise CaseworkRefused("You cannot change this event.")

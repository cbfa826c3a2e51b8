"""Who may see, raise and correct incidents, and keep the list of types. An incident is
on a contact: every caseworker who may see the contact sees it and may raise one; its
reporter, a manager or a designated safeguarding lead corrects it; managers keep the list
of types."""

from casework import policy as casework_policy
from casework.policy import CaseworkRefused
from casework.safeguarding.policy import is_dsl

__all__ = ["CaseworkRefused"]


def can_see_incidents(user) -> bool:
    return casework_policy.can_record_casework(user)


def can_raise_incident(user) -> bool:
    return casework_policy.can_record_casework(user)


def check_raise_incident(user) -> None:
    casework_policy.check_record_casework(user)


def answers_for_incidents(user) -> bool:
    """Managers and DSLs: they hear of high-severity incidents and see them on their home page."""
    return user.is_active and (casework_policy.can_see_all_engagements(user) or is_dsl(user))


def can_correct_incident(user, incident) -> bool:
    return can_see_incidents(user) and (
        incident.reported_by_id == user.pk or answers_for_incidents(user)
    )


def check_correct_incident(user, incident) -> None:
    if not can_correct_incident(user, incident):
        raise CaseworkRefused(
            "Only who recorded it, a manager or a safeguarding lead can correct an incident."
        )


def can_manage_types(user) -> bool:
    return casework_policy.can_record_casework(user) and casework_policy.can_see_all_engagements(
        user
    )


def check_manage_types(user) -> None:
    if not can_manage_types(user):
        raise CaseworkRefused("Only a manager can change the list of incident types.")

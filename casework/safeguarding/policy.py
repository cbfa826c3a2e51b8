"""Who may see and act on safeguarding cases. A case is visible like its engagement
(owner, managers, those it is shared with) and to its own owner; designated
safeguarding leads see every case."""

from casework import policy as casework_policy
from casework.policy import CaseworkRefused
from tenants.accounts import capabilities as cap

__all__ = ["CaseworkRefused"]


def is_dsl(user) -> bool:
    return user.is_active and user.has_perm(cap.NOTIFY_LOCAL_AUTHORITY)


def can_approve_closures(user) -> bool:
    """Managers and DSLs (and a support line's supervisors)."""
    return user.is_active and user.has_perm(cap.APPROVE_SAFEGUARDING_CLOSURE)


def can_see_case(user, case) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return (
        is_dsl(user)
        or case.owner_id == user.pk
        or casework_policy.can_see_engagement(user, case.engagement)
    )


def check_see_case(user, case) -> None:
    if not can_see_case(user, case):
        raise CaseworkRefused("You cannot see this safeguarding case.")


def check_record_on_case(user, case) -> None:
    casework_policy.check_record_casework(user)
    check_see_case(user, case)


def can_record_la_notification(user) -> bool:
    return is_dsl(user)


def check_record_la_notification(user) -> None:
    if not can_record_la_notification(user):
        raise CaseworkRefused(
            "Only a designated safeguarding lead or deputy records that the local authority "
            "was notified."
        )


def can_review_reads(user) -> bool:
    return can_approve_closures(user)


def can_decide(user, request) -> bool:
    """The approver the request was sent to, or a DSL covering for them; never the
    person who asked. Any request with `submitted_by_id` and `approver_id` (a closure
    request, a case plan's approval request): the rule is written once, here."""
    return (
        can_approve_closures(user)
        and request.submitted_by_id != user.pk
        and (request.approver_id == user.pk or is_dsl(user))
    )


def check_decide(user, request, *, what: str = "closure request") -> None:
    if request.submitted_by_id == user.pk:
        raise CaseworkRefused(f"You cannot decide your own {what}.")
    if not can_approve_closures(user):
        raise CaseworkRefused("Only a manager or designated safeguarding lead can decide.")
    if not can_decide(user, request):
        raise CaseworkRefused("This request was sent to someone else to decide.")


def check_change_settings(user) -> None:
    if not is_dsl(user):
        raise CaseworkRefused(
            "Only a designated safeguarding lead changes when overdue cases escalate."
        )


def entry_corrector(user, case):
    """Who may correct a monitoring action or closure decision of this case, asked once
    for many entries: who wrote it, or a manager or DSL who may see the case (they answer
    for the record). Returns author_id -> bool."""
    allowed = casework_policy.can_record_casework(user) and can_see_case(user, case)
    anyone = allowed and (can_approve_closures(user) or is_dsl(user))
    return lambda author_id: anyone or (allowed and author_id == user.pk)


def can_correct_entry(user, case, author_id) -> bool:
    return entry_corrector(user, case)(author_id)


def check_correct_entry(user, case, author_id) -> None:
    check_see_case(user, case)
    if not can_correct_entry(user, case, author_id):
        raise CaseworkRefused(
            "Only who wrote it, a manager or a designated safeguarding lead can correct it."
        )

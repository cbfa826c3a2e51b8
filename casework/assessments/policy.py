"""Who may build templates and read, fill, correct and approve assessments. An assessment
is seen by whoever may see its engagement (its owner, those it is shared with, managers);
only managers build templates; approval is by a manager or designated safeguarding lead
who did not complete it. selectors.assessments_visible_to is the same rule in SQL."""

from casework import policy as casework_policy
from casework.policy import CaseworkRefused
from casework.safeguarding.policy import is_dsl
from tenants.accounts import capabilities as cap

__all__ = ["CaseworkRefused"]


def can_build_templates(user) -> bool:
    return user.is_active and user.has_perm(cap.MANAGE_PROGRAMMES)


def check_build_templates(user) -> None:
    if not can_build_templates(user):
        raise CaseworkRefused("Only managers build assessment templates.")


def answers_for_the_record(user) -> bool:
    return user.is_active and (user.has_perm(cap.VIEW_ALL_CASEWORK) or is_dsl(user))


def can_read_assessment(user, assessment) -> bool:
    return casework_policy.can_record_casework(user) and casework_policy.can_see_engagement(
        user, assessment.engagement
    )


def can_fill_on(user, engagement) -> bool:
    """Whoever may see the engagement while it is open; once ended, a manager."""
    return (
        casework_policy.can_record_casework(user)
        and casework_policy.can_see_engagement(user, engagement)
        and (engagement.is_open or casework_policy.can_see_all_engagements(user))
    )


def check_fill_on(user, engagement) -> None:
    if can_fill_on(user, engagement):
        return
    casework_policy.check_record_casework(user)
    if casework_policy.can_see_engagement(user, engagement):
        raise CaseworkRefused("This engagement has ended: only a manager can assess in it.")
    raise CaseworkRefused("You cannot fill assessments in this engagement.")


def can_edit_assessment(user, assessment) -> bool:
    """A draft, by whoever may fill in its engagement."""
    return not assessment.is_completed and can_fill_on(user, assessment.engagement)


def check_edit_assessment(user, assessment) -> None:
    if assessment.is_completed:
        raise CaseworkRefused("This assessment is completed: add a correction beside it instead.")
    check_fill_on(user, assessment.engagement)


def can_correct_assessment(user, assessment) -> bool:
    return (
        assessment.is_completed
        and can_read_assessment(user, assessment)
        and (assessment.completed_by_id == user.pk or answers_for_the_record(user))
    )


def check_correct_assessment(user, assessment) -> None:
    if not can_correct_assessment(user, assessment):
        raise CaseworkRefused(
            "Only who completed it, a manager or a designated safeguarding lead can correct "
            "a completed assessment."
        )


def can_decide(user, assessment, *, decided: bool = False) -> bool:
    return (
        assessment.is_completed
        and assessment.needs_approval
        and not decided
        and assessment.completed_by_id != user.pk
        and answers_for_the_record(user)
        and can_read_assessment(user, assessment)
    )


def check_decide(user, assessment) -> None:
    if not assessment.is_completed or not assessment.needs_approval:
        raise CaseworkRefused("This assessment is not waiting for approval.")
    if assessment.completed_by_id == user.pk:
        raise CaseworkRefused("You cannot approve an assessment you completed.")
    if not (answers_for_the_record(user) and can_read_assessment(user, assessment)):
        raise CaseworkRefused(
            "Only a manager or designated safeguarding lead can approve assessments."
        )

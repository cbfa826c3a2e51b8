"""Who reviews likely duplicate contacts, and who merges and unmerges them. Reviewing
shows both people's whole records side by side, so it is for those who see every
engagement of the partner (managers). Merging moves everything that hangs on one
contact to the other, so a practitioner may merge only when they see all of it."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from casework import policy as casework_policy
from casework.policy import CaseworkRefused
from casework.safeguarding import policy as safeguarding_policy


def can_review_duplicates(user) -> bool:
    return casework_policy.can_record_casework(user) and casework_policy.can_see_all_engagements(
        user
    )


def check_review_duplicates(user) -> None:
    if not can_review_duplicates(user):
        raise CaseworkRefused("Only managers review duplicate contacts.")


def may_merge_refusal(user, *, engagements, open_cases_each: bool) -> str:
    """Why this user may not merge two contacts ("" when they may). `engagements` are
    both contacts' engagements; `open_cases_each`: each has an open safeguarding case."""
    if not casework_policy.can_record_casework(user):
        return "Your role does not include recording casework."
    hidden = [e for e in engagements if not casework_policy.can_see_engagement(user, e)]
    if hidden:
        return "One of them has an engagement you cannot see: ask a manager to merge these records."
    if open_cases_each and not safeguarding_policy.is_dsl(user):
        return (
            "Both have an open safeguarding case: only a designated safeguarding lead can "
            "merge them."
        )
    return ""


def can_unmerge(user) -> bool:
    """Managers undo merges (whoever merged may have been a practitioner)."""
    return can_review_duplicates(user)


def unmerge_open_until(merge):
    return merge.merged_at + timedelta(days=settings.CASEBRIDGE_UNMERGE_DAYS)


def unmerge_blocked(merge, *, now=None) -> str:
    """Why this merge can no longer be undone ("" while it can)."""
    if not merge.is_current:
        return "This merge has already been undone."
    if (now or timezone.now()) > unmerge_open_until(merge):
        return (
            f"A merge can be undone for {settings.CASEBRIDGE_UNMERGE_DAYS} days; this one is older."
        )
    return ""

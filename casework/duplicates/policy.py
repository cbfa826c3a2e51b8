"""Who reviews likely duplicate contacts: those who see every engagement of the partner
(managers), since a review shows both people's whole records side by side."""

from casework import policy as casework_policy
from casework.policy import CaseworkRefused


def can_review_duplicates(user) -> bool:
    return casework_policy.can_record_casework(user) and casework_policy.can_see_all_engagements(
        user
    )


def check_review_duplicates(user) -> None:
    if not can_review_duplicates(user):
        raise CaseworkRefused("Only managers review duplicate contacts.")

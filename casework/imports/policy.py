"""Who imports: managers and champions (those who record casework and see every
engagement of the partner), since an import writes records for everyone and its report
shows every person matched. A job is seen only by the partner it was run in (its own
schema) and by those who may import."""

from casework import policy as casework_policy
from casework.policy import CaseworkRefused


def can_import(user) -> bool:
    return casework_policy.can_record_casework(user) and casework_policy.can_see_all_engagements(
        user
    )


def check_import(user) -> None:
    if not can_import(user):
        raise CaseworkRefused("Only managers and champions import records.")

"""Support-line cases as things a task can be about (see casework.worklist.subjects)."""

from casework.worklist.subjects import TaskSubject, person_initials, register
from referrals import selectors
from referrals.models import SupportCase


def case_words(case: SupportCase) -> str:
    """“Support case for A. F.”: the beneficiary's initials (a case's title is free text)."""
    return f"Support case for {person_initials(case.beneficiary)}"


def register_subjects() -> None:
    from referrals.services.cases import case_url

    register(
        TaskSubject(
            kind="support-case",
            model=SupportCase,
            type_name="SupportCase",
            label="support case",
            find=lambda user, public_id: selectors.case_get(user=user, public_id=public_id),
            describe=case_words,
            url=case_url,
        )
    )

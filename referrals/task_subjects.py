"""Support-line cases as things a task can be about (see casework.worklist.subjects)."""

from django.urls import reverse

from casework.worklist.subjects import TaskSubject, person_initials, register
from referrals import selectors
from referrals.models import SupportCase


def case_words(case: SupportCase) -> str:
    """“Support case for A. F.”: the beneficiary's initials (a case's title is free text)."""
    return f"Support case for {person_initials(case.beneficiary)}"


def case_url(case: SupportCase) -> str:
    return reverse("support_case", kwargs={"public_id": case.public_id})


def register_subjects() -> None:
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

"""Safeguarding cases as things a task can be about (see casework.worklist.subjects)."""

from casework.safeguarding import selectors
from casework.safeguarding.models import SafeguardingCase
from casework.worklist.subjects import TaskSubject, person_initials, register


def case_words(case: SafeguardingCase) -> str:
    """“SG-00003 (J. S.)”: the case number and the child's initials, never the name."""
    return f"{case.reference} ({person_initials(case.engagement.contact)})"


def register_subjects() -> None:
    from casework.safeguarding.services.cases import case_url

    register(
        TaskSubject(
            kind="safeguarding-case",
            model=SafeguardingCase,
            type_name="SafeguardingCase",
            label="safeguarding case",
            find=lambda user, public_id: selectors.case_get(user=user, public_id=public_id),
            describe=case_words,
            url=case_url,
        )
    )

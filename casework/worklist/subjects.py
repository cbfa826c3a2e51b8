"""What a task can be about, and how a task names it. Tasks belong to casework's
worklist, but the records they are about live in several apps, some above this one
(support cases, customers): each app registers its kind of record here when it is
ready (a hook, so the worklist never imports upwards).

A task's title starts with what it is about in words a person recognises, and never a
child's full name: titles go into emails and notification lists, so a person is named by
initials only ("SG-00003: new safeguarding case for J. S.")."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class TaskSubject:
    kind: str  # "safeguarding-case"
    model: type  # SafeguardingCase
    type_name: str  # its GraphQL type: "SafeguardingCase"
    label: str  # "safeguarding case", for messages
    # (user, public_id) -> the record, or None when the user may not see it (a selector).
    find: Callable[[Any, Any], Any]
    describe: Callable[[Any], str]  # "SG-00003 (J. S.)"
    url: Callable[[Any], str]


_SUBJECTS: dict[str, TaskSubject] = {}


def register(subject: TaskSubject) -> None:
    _SUBJECTS[subject.kind] = subject


def subjects() -> list[TaskSubject]:
    return list(_SUBJECTS.values())


def subject_of(record) -> TaskSubject | None:
    for subject in _SUBJECTS.values():
        if isinstance(record, subject.model):
            return subject
    return None


def subject_for_type(type_name: str) -> TaskSubject | None:
    return next((s for s in _SUBJECTS.values() if s.type_name == type_name), None)


def initials(first_name: str, last_name: str) -> str:
    """“J. S.”; “name not recorded” for a person kept without a name."""
    letters = [part.strip()[:1].upper() for part in (first_name, last_name) if part.strip()]
    return " ".join(f"{letter}." for letter in letters) or "name not recorded"


def person_initials(person) -> str:
    first = getattr(person, "preferred_name", "") or person.first_name
    return initials(first or "", person.last_name or "")


def link_url_check(link_url: str) -> str:
    """A task's or notification's link, shown in the portal and in emails: a path of
    this portal only."""
    link_url = (link_url or "").strip()
    if link_url and (not link_url.startswith("/") or link_url.startswith("//") or "\\" in link_url):
        raise ValidationError({"link_url": "A link must be a path in this portal, like /cases/…"})
    return link_url

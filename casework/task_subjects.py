"""Contacts and engagements as things a task can be about (see casework.worklist.subjects)."""

from django.urls import reverse

from casework import selectors
from casework.models import Contact, Engagement
from casework.worklist.subjects import TaskSubject, person_initials, register


def register_subjects() -> None:
    register(
        TaskSubject(
            kind="contact",
            model=Contact,
            type_name="Contact",
            label="contact",
            find=lambda user, public_id: selectors.contact_get(user=user, public_id=public_id),
            describe=lambda c: f"{c.client_id} ({person_initials(c)})",
            url=lambda c: reverse("contact_detail", args=[c.public_id]),
        )
    )
    register(
        TaskSubject(
            kind="engagement",
            model=Engagement,
            type_name="Engagement",
            label="engagement",
            find=lambda user, public_id: selectors.engagement_get(user=user, public_id=public_id),
            describe=lambda e: f"{e.programme.name} engagement for {person_initials(e.contact)}",
            url=lambda e: reverse("engagement_detail", args=[e.public_id]),
        )
    )

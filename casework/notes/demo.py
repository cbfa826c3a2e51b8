"""Demo notes on the family centre's first child: a home visit in their engagement, a
call on their record, a confidential note and a correction (idempotent)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from casework.models import Engagement
from casework.notes.models import Note, NoteKind
from casework.notes.services import note_add, note_correct


def _at(days_ago: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def notes_demo_seed(*, practitioner) -> None:
    engagement = Engagement.objects.select_related("contact").order_by("id").first()
    if engagement is None or Note.objects.exists():
        return
    child = engagement.contact
    visit = note_add(
        actor=practitioner,
        contact=child,
        engagement=engagement,
        kind=NoteKind.VISIT,
        happened_at=_at(6, 10, 30),
        duration_minutes=60,
        summary="Home visit: settling in at nursery",
        body="Met mum and the child at home. Sleeping better since the new routine; "
        "nursery mornings are going well. Agreed to review the routine in two weeks.",
    )
    note_correct(
        actor=practitioner,
        note=visit,
        kind="corrected",
        text="The visit lasted 45 minutes, not an hour.",
    )
    note_add(
        actor=practitioner,
        contact=child,
        kind=NoteKind.CALL,
        happened_at=_at(2, 14, 15),
        duration_minutes=10,
        summary="Mum called about the Stay & Play timetable",
        body="Asked whether Friday sessions continue over half term. Told her they do.",
    )
    note_add(
        actor=practitioner,
        contact=child,
        kind=NoteKind.MEETING,
        happened_at=_at(1, 9, 45),
        duration_minutes=30,
        summary="Mum shared worries about a family member",
        body="Mum asked that this stays between us and the safeguarding lead for now. "
        "Discussed the support available; she will think about it. No immediate risk.",
        confidential=True,
    )


def notes_training_seed(*, kind, recorder, manager=None) -> None:
    """A training copy's made-up notes (registered with tenants.hooks, after casework's
    people): the same as the demo's, where the copy has an engagement to hang them on."""
    notes_demo_seed(practitioner=recorder)

"""Writing notes: add one (or log a call), amend it within 24 hours, correct it after.
Who may is policy's; every change is kept by the change history, attributed to the
actor, so an amended note's first version stays on its History."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casework.models import Contact, Engagement
from casework.notes import policy
from casework.notes.models import Note, NoteCorrection, NoteKind
from casework.tracking import attributed
from tenants.corrections import correction_clean

# A note records what happened; something planned is not a note yet (a little slack
# for clocks that disagree).
FUTURE_SLACK = timedelta(minutes=10)
LONGEST_DURATION = 24 * 60
EARLIEST_YEAR = 1900
DETAILS = ("kind", "happened_at", "duration_minutes", "summary", "body", "confidential")


def _cleaned(*, kind, happened_at, duration_minutes, summary, body, confidential, now=None) -> dict:
    """The note's details, or a ValidationError naming each field that is wrong."""
    errors = {}
    summary = (summary or "").strip()
    body = (body or "").strip()
    if kind not in NoteKind.values:
        errors["kind"] = "Choose call, visit, meeting, email or other."
    if isinstance(happened_at, datetime) and timezone.is_naive(happened_at):
        try:
            happened_at = timezone.make_aware(happened_at)
        except (OverflowError, ValueError):
            happened_at = None
    if not isinstance(happened_at, datetime) or happened_at.year < EARLIEST_YEAR:
        errors["happened_at"] = "Enter the date and time it happened."
    elif happened_at > (now or timezone.now()) + FUTURE_SLACK:
        errors["happened_at"] = "The date and time it happened cannot be in the future."
    if duration_minutes is not None and not (0 <= duration_minutes <= LONGEST_DURATION):
        errors["duration_minutes"] = (
            f"The duration must be between 0 and {LONGEST_DURATION:,} minutes (a day)."
        )
    if not summary:
        errors["summary"] = "Enter a summary: what it was about, in a line."
    if errors:
        raise ValidationError(errors)
    return {
        "kind": kind,
        "happened_at": happened_at,
        "duration_minutes": duration_minutes,
        "summary": summary,
        "body": body,
        "confidential": bool(confidential),
    }


@attributed
def note_add(
    *,
    actor,
    contact: Contact,
    engagement: Engagement | None = None,
    kind: str,
    happened_at: datetime,
    summary: str,
    body: str = "",
    duration_minutes: int | None = None,
    confidential: bool = False,
) -> Note:
    """A note on a contact, or in one of their engagements."""
    policy.check_write_note(actor, engagement=engagement)
    details = _cleaned(
        kind=kind,
        happened_at=happened_at,
        duration_minutes=duration_minutes,
        summary=summary,
        body=body,
        confidential=confidential,
    )
    with transaction.atomic():
        if engagement is not None:
            # Locked so that a note cannot slip into an engagement as it is closed.
            engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
            policy.check_write_note(actor, engagement=engagement)
            contact = engagement.contact
        elif Contact.objects.filter(pk=contact.pk, removed_at__isnull=True).count() != 1:
            raise ValidationError({"contact": "This contact has been removed."})
        return Note.objects.create(contact=contact, engagement=engagement, author=actor, **details)


def call_log(
    *,
    actor,
    contact: Contact,
    engagement: Engagement | None = None,
    summary: str,
    body: str = "",
) -> Note:
    """“Log a call” from the record: a call note, now, in two fields."""
    return note_add(
        actor=actor,
        contact=contact,
        engagement=engagement,
        kind=NoteKind.CALL,
        happened_at=timezone.now(),
        summary=summary,
        body=body,
    )


@attributed
def note_amend(*, actor, note: Note, **changes) -> Note:
    """The author rewrites their note within 24 hours of writing it. History keeps the
    version before. Only the note's details change (never whose or where it is)."""
    unknown = set(changes) - set(DETAILS)
    if unknown:
        raise ValidationError({name: "This cannot be changed on a note." for name in unknown})
    with transaction.atomic():
        note = (
            Note.objects.select_for_update(of=("self",))
            .select_related("engagement")
            .get(pk=note.pk)
        )
        policy.check_amend_note(actor, note)
        current = {name: getattr(note, name) for name in DETAILS}
        details = _cleaned(**{**current, **changes})
        changed = [name for name in DETAILS if details[name] != current[name]]
        if not changed:
            return note
        for name in changed:
            setattr(note, name, details[name])
        note.save(update_fields=changed)
    return note


@attributed
def note_correct(*, actor, note: Note, kind: str, text: str) -> NoteCorrection:
    """“Entered in error: <why>” or the corrected text, beside the note, which stays."""
    policy.check_correct_note(actor, note)
    kind, text = correction_clean(kind=kind, text=text)
    with transaction.atomic():
        note = Note.objects.select_for_update().get(pk=note.pk)
        return NoteCorrection.objects.create(
            note=note, kind=kind, text=text, author=actor, author_name=actor.get_full_name()
        )

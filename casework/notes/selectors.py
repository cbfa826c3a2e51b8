"""Reading notes: always through what the user may see, filtered in SQL (a confidential
note's words never leave the database for someone who may not read them)."""

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from casework import policy as casework_policy
from casework.history import events_page, history_of
from casework.notes import policy
from casework.notes.models import Note, NoteCorrection, NoteEvent
from casework.selectors import engagements_visible_to


def _on_visible_records(user) -> QuerySet[Note]:
    """Notes hanging on records the user may see, confidential or not."""
    if not casework_policy.can_record_casework(user):
        return Note.objects.none()
    return Note.objects.filter(contact__removed_at__isnull=True).filter(
        Q(engagement__isnull=True)
        | Q(engagement__in=engagements_visible_to(user=user).values("pk"))
    )


def notes_visible_to(*, user) -> QuerySet[Note]:
    """Every note the user may read (policy.can_read_note is the same rule for one)."""
    notes = _on_visible_records(user)
    if not policy.reads_confidential_notes(user):
        notes = notes.filter(Q(confidential=False) | Q(author=user))
    return notes


def _on(notes: QuerySet[Note], *, contact=None, engagement=None) -> QuerySet[Note]:
    if engagement is not None:
        return notes.filter(engagement=engagement)
    return notes.filter(contact=contact)


def notes_on(*, user, contact=None, engagement=None) -> QuerySet[Note]:
    """A contact's notes (their own and those in engagements the user may see) or an
    engagement's, newest first, with what a list shows in a fixed number of queries."""
    return (
        _on(notes_visible_to(user=user), contact=contact, engagement=engagement)
        .select_related("author", "engagement__programme")
        .annotate(
            is_amended=Exists(NoteEvent.objects.filter(pgh_obj=OuterRef("pk"), pgh_label="update"))
        )
        .prefetch_related(Prefetch("corrections", queryset=NoteCorrection.objects.order_by("at")))
    )


def confidential_notes_withheld(*, user, contact=None, engagement=None) -> list:
    """When each confidential note the user may not read was written about: their dates
    only, never their words or author."""
    if policy.reads_confidential_notes(user):
        return []
    withheld = _on(_on_visible_records(user), contact=contact, engagement=engagement).filter(
        confidential=True
    )
    return list(withheld.exclude(author=user).values_list("happened_at", flat=True))


def notes_count(*, user, contact=None, engagement=None) -> int:
    """What the Notes tab counts: the notes they read and the confidential ones they see
    exist (one query)."""
    return _on(_on_visible_records(user), contact=contact, engagement=engagement).count()


def note_get(*, user, public_id) -> Note | None:
    """A note the user may read, or None (another partner's, or not theirs to read)."""
    try:
        return (
            notes_visible_to(user=user)
            .select_related("contact", "engagement__programme", "engagement__contact", "author")
            .filter(public_id=public_id)
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        return None


def note_history(*, user, public_id, page=1):
    """(note, a page of its versions) or None, for whoever may read the note."""
    note = note_get(user=user, public_id=public_id)
    if note is None:
        return None
    events = history_of(NoteEvent, tracks=note)
    return note, events_page(events, number=page, hide=("contact", "engagement", "author"))

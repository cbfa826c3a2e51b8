"""Third parties' names found in the notes about a person, offered on screen to be
redacted from the bundle (ticked ones are replaced wherever they appear in its text)."""

import re

from django.db.models import Q

from casework.incidents.models import Incident
from casework.models import Contact, Relationship
from privacy.subject_access.sections import SECTIONS

# Where people write about others: the text of notes, support case notes and incidents.
NOTE_TEXT = {
    "notes.Note": ("summary", "body"),
    "referrals.CaseNote": ("text",),
    "incidents.Incident": ("description",),
}
REDACTED = "[name removed]"
_NAME_PAIR = re.compile(r"\b([A-Z][a-z'\-]+)\s+([A-Z][a-z'\-]+)\b")
_MOST_NAMES = 60


def note_texts(*, kind: str, person) -> list[str]:
    texts = []
    for section in SECTIONS:
        fields = NOTE_TEXT.get(section.model_label)
        if not fields or not section.lookups(kind):
            continue
        for values in section.rows(kind=kind, person=person).values_list(*fields):
            texts.extend(value for value in values if value)
    return texts


def _own_names(person) -> set[str]:
    names = {person.first_name, person.last_name, f"{person.first_name} {person.last_name}"}
    names.add(getattr(person, "preferred_name", "") or "")
    return {name.lower() for name in names if name}


def names_in_notes(*, kind: str, person) -> list[str]:
    """Names of other people written in the notes: any "First Last" that is a contact of
    this partner, and the names of the people recorded with the person (household,
    relationships, incidents) written in full or by first name. Sorted, at most 60."""
    text = "\n".join(note_texts(kind=kind, person=person))
    if not text:
        return []
    own = _own_names(person)
    pairs = {f"{first} {last}" for first, last in _NAME_PAIR.findall(text)}
    found = set(Contact.objects.filter(search_name__in=pairs).values_list("search_name", flat=True))
    if kind == "contact":
        related = (
            Contact.objects.filter(
                Q(household_id=person.household_id)
                | Q(pk__in=Relationship.objects.filter(contact=person).values("other"))
                | Q(pk__in=Incident.objects.filter(contact=person).values("people"))
            )
            .exclude(pk=person.pk)
            .distinct()
        )
        for first, last in related.values_list("first_name", "last_name"):
            for name in (f"{first} {last}", first):
                if name and re.search(rf"\b{re.escape(name)}\b", text):
                    found.add(name)
    return sorted(name for name in found if name.lower() not in own)[:_MOST_NAMES]


def redact(value: str, names: list[str]) -> str:
    """The text with each name (whole words, any case) replaced, longest names first."""
    for name in sorted(names, key=len, reverse=True):
        value = re.sub(rf"\b{re.escape(name)}\b", REDACTED, value, flags=re.IGNORECASE)
    return value

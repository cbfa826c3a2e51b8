"""What the partner holds about one person, read only, for the data protection role.

The officer answers requests (who has seen this, what is held, what holds it back from
disposal) without recording casework (cap.RECORD_CASEWORK), so without the contact and
support-case pages and their forms. This page shows the same sections a subject access
bundle holds (one rule: sections.py), with the person's holds and the "Who has seen this"
pages; opening it is itself logged as a read of each record it shows."""

from dataclasses import dataclass

from casework.access.models import RecordType
from casework.access.services import read_log
from privacy.retention.selectors import person_hold_reasons
from privacy.subject_access.bundle import section_rows
from privacy.subject_access.sections import sections_for

# The records shown whose reads "Who has seen this" lists: section model → record type.
LOGGED = {
    "casework.Contact": RecordType.CONTACT,
    "customers.Customer": RecordType.CUSTOMER,
    "casework.Engagement": RecordType.ENGAGEMENT,
    "safeguarding.SafeguardingCase": RecordType.SAFEGUARDING_CASE,
    "referrals.SupportCase": RecordType.SUPPORT_CASE,
}


@dataclass
class HeldSection:
    key: str
    title: str
    rows: list[dict]
    history: bool


def held_about(*, kind: str, person) -> list[HeldSection]:
    """Every section with something in it about the person (empty ones left out)."""
    held = []
    for section in sections_for(kind):
        rows = section_rows(section, kind=kind, person=person, names=[])
        for row in rows:
            row.pop("_pk", None)
        if rows:
            held.append(HeldSection(section.key, section.title, rows, section.history))
    return held


def held_reads_log(*, actor, kind: str, person) -> None:
    """One read row per type of record the page shows (the ids of each)."""
    for section in sections_for(kind):
        record_type = LOGGED.get(section.model_label)
        if record_type is None:
            continue
        ids = list(section.rows(kind=kind, person=person).values_list("public_id", flat=True))
        read_log(actor=actor, record_type=record_type, public_ids=ids)


def holds_on(person) -> list[str]:
    """Why the person's records may not be disposed of now (legal holds, an open
    safeguarding case)."""
    return person_hold_reasons([person])

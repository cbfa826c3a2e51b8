"""Likely duplicates in the partner, for any kind of record (casework.duplicates.kinds:
contacts by default, customers by customers.services.duplicates): pairs whose names sound alike
(or whose first names sound alike and dates of birth agree) and who share at least one
more detail, with no date of birth telling them apart and no manager's decision that they
differ. Found in one statement (the names' double metaphone, as the one search's slip
matching and find-before-create), scored, with what matched, best first."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Model, Q

from casework.duplicates.contacts import CONTACTS
from casework.duplicates.kinds import RecordKind
from casework.duplicates.models import Merge
from casework.models import Contact

_PAIRS = """
WITH c AS ({people})
SELECT a.id, b.id,
       a.first = b.first AND a.last = b.last,
       a.l = b.l,
       a.dob = b.dob,
       a.phone <> '' AND a.phone = b.phone,
       a.email <> '' AND a.email = b.email,
       a.postcode <> '' AND a.postcode = b.postcode
FROM c a JOIN c b ON a.id < b.id AND a.f = b.f AND (a.l = b.l OR a.dob = b.dob)
WHERE (a.dob IS NULL OR b.dob IS NULL OR a.dob = b.dob)
  AND (a.dob = b.dob OR (a.phone <> '' AND a.phone = b.phone)
       OR (a.email <> '' AND a.email = b.email)
       OR (a.postcode <> '' AND a.postcode = b.postcode))
  AND NOT EXISTS (SELECT 1 FROM {decided} n WHERE n.first_id = a.id AND n.second_id = b.id)
  {only}
"""

# (what matched, in users' words; its weight in the score)
_MATCHES = (
    ("same name", 4),
    ("names sound alike", 3),
    ("date of birth", 3),
    ("phone", 2),
    ("email", 2),
    ("postcode", 1),
)


PAIRS_MAX = 100  # the most pairs listed at once (the review's list and the API)


@dataclass(frozen=True)
class LikelyDuplicate:
    first: Model
    second: Model
    matched: tuple[str, ...]
    score: int


def _scored(
    kind: RecordKind, *, only: str = "", params=()
) -> list[tuple[int, int, int, tuple[str, ...]]]:
    sql = _PAIRS.format(
        people=kind.people_sql(), decided=kind.not_duplicate_model._meta.db_table, only=only
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    scored = []
    for first_id, second_id, same_name, last_sounds, *details in rows:
        flags = (same_name, last_sounds and not same_name, *details)
        hits = [match for match, hit in zip(_MATCHES, flags, strict=True) if hit]
        scored.append(
            (sum(w for _, w in hits), first_id, second_id, tuple(word for word, _ in hits))
        )
    scored.sort(key=lambda row: (-row[0], row[1], row[2]))
    return scored


def _pairs(kind: RecordKind, scored) -> list[LikelyDuplicate]:
    records = kind.model.objects
    if kind.select_related:
        records = records.select_related(*kind.select_related)
    people = records.in_bulk({pk for _, a, b, _ in scored for pk in (a, b)})
    return [
        LikelyDuplicate(first=people[a], second=people[b], matched=matched, score=score)
        for score, a, b, matched in scored
    ]


_ONE = "AND (a.id = %s OR b.id = %s)"


def duplicate_pairs(*, user, limit: int = PAIRS_MAX, kind=CONTACTS) -> list[LikelyDuplicate]:
    """The likely duplicate pairs a manager reviews, best first (none for anyone else):
    two statements whatever the number of records or pairs."""
    if not kind.may_review(user):
        return []
    return _pairs(kind, _scored(kind)[: min(limit, PAIRS_MAX)])


def pair_keys_all(kind: RecordKind = CONTACTS) -> list[tuple[int, int]]:
    """Every likely duplicate pair's keys (lower first), for the nightly search: one
    statement, no one's rights (it runs as the platform)."""
    return [(a, b) for _, a, b, _ in _scored(kind)]


def pair_keys_of(*, contact: Contact) -> list[tuple[int, int]]:
    """The likely duplicate pairs one contact is in (lower key first), best first: one
    statement, no one's rights (a service asks it for a contact it has just recorded)."""
    return [(a, b) for _, a, b, _ in _scored(CONTACTS, only=_ONE, params=[contact.pk] * 2)]


def duplicates_of(*, user, contact: Contact) -> list[LikelyDuplicate]:
    """The likely duplicates of one contact, best first, for a manager to review (none
    for anyone else)."""
    if not CONTACTS.may_review(user):
        return []
    return _pairs(CONTACTS, _scored(CONTACTS, only=_ONE, params=[contact.pk] * 2)[:PAIRS_MAX])


def pairs_found_with(*, user, contact: Contact) -> int:
    """How many likely duplicate pairs kept for review this contact is in (for whoever
    may see contacts: a number, no one's details)."""
    if not CONTACTS.may_see(user):
        return 0
    found = CONTACTS.pair_found_model.objects
    return found.filter(Q(first=contact) | Q(second=contact)).count()


def duplicate_pair_get(
    *, user, first_public_id, second_public_id, kind=CONTACTS
) -> LikelyDuplicate | None:
    """One pair to review side by side while it is still a likely duplicate (None when it
    is not, was decided, or the user may not review)."""
    if not kind.may_review(user):
        return None
    ids = sorted(
        kind.model.objects.filter(
            public_id__in=[first_public_id, second_public_id], removed_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if len(ids) != 2:
        return None
    pairs = _pairs(kind, _scored(kind, only="AND a.id = %s AND b.id = %s", params=ids))
    return pairs[0] if pairs else None


def survivor_of(*, user, public_id, kind=CONTACTS):
    """The record a merged-away record now lives on (following later merges), for those
    who may see such records; None when it was not merged away."""
    if not kind.may_see(user):
        return None
    try:
        record = kind.model.objects.filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None
    if record is None or not record.is_removed:
        return None
    kept = record_kept(record, kind=kind)
    return None if kept.is_removed else kept


def record_kept(record, *, kind=CONTACTS):
    """The record `record` now lives on when it was merged away (following later merges);
    else `record` itself. For what holds a record by its id (an import's source ids): the
    caller has already asked who may."""
    seen = set()
    while record.is_removed and record.pk not in seen:
        seen.add(record.pk)
        merge = (
            kind.merge_model.objects.filter(merged=record, unmerged_at__isnull=True)
            .select_related("survivor")
            .first()
        )
        if merge is None:
            break
        record = merge.survivor
    return record


def merges_into(*, user, record, kind=CONTACTS) -> list:
    """The current merges of other records into this one, newest first."""
    if not kind.may_see(user):
        return []
    return list(
        kind.merge_model.objects.filter(survivor=record, unmerged_at__isnull=True).select_related(
            "merged", "merged_by"
        )
    )


def merge_get(*, user, public_id, kind=CONTACTS) -> Merge | None:
    """A merge, for a manager to undo."""
    if not kind.may_review(user):
        return None
    try:
        return (
            kind.merge_model.objects.select_related("survivor", "merged", "merged_by")
            .filter(public_id=public_id)
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        return None

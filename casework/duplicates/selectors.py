"""Likely duplicate contacts in the partner: pairs whose names sound alike (or whose first
names sound alike and dates of birth agree) and who share at least one more detail, with
no date of birth telling them apart and no manager's decision that they differ. Found in
one statement (the names' double metaphone, as the one search's slip matching), scored,
with what matched, best first."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q

from casework import policy as casework_policy
from casework.duplicates import policy
from casework.duplicates.models import Merge, NotDuplicate, PairFound
from casework.models import Contact, Household

_PAIRS = """
WITH c AS (
    SELECT p.id, dmetaphone(p.first_name) AS f, dmetaphone(p.last_name) AS l,
           lower(p.first_name) AS first, lower(p.last_name) AS last, p.date_of_birth AS dob,
           p.phone_digits AS phone, lower(p.email) AS email,
           replace(upper(h.postcode), ' ', '') AS postcode
    FROM {contact} p JOIN {household} h ON h.id = p.household_id
    WHERE p.removed_at IS NULL
)
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
    first: Contact
    second: Contact
    matched: tuple[str, ...]
    score: int


def _scored(*, only: str = "", params=()) -> list[tuple[int, int, int, tuple[str, ...]]]:
    sql = _PAIRS.format(
        contact=Contact._meta.db_table,
        household=Household._meta.db_table,
        decided=NotDuplicate._meta.db_table,
        only=only,
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


def _pairs(scored) -> list[LikelyDuplicate]:
    people = Contact.objects.select_related("household").in_bulk(
        {pk for _, a, b, _ in scored for pk in (a, b)}
    )
    return [
        LikelyDuplicate(first=people[a], second=people[b], matched=matched, score=score)
        for score, a, b, matched in scored
    ]


def duplicate_pairs(*, user, limit: int = PAIRS_MAX) -> list[LikelyDuplicate]:
    """The likely duplicate pairs a manager reviews, best first (none for anyone else):
    two statements whatever the number of contacts or pairs."""
    if not policy.can_review_duplicates(user):
        return []
    return _pairs(_scored()[: min(limit, PAIRS_MAX)])


def pair_keys_all() -> list[tuple[int, int]]:
    """Every likely duplicate pair's keys (lower first), for the nightly search: one
    statement, no one's rights (it runs as the platform)."""
    return [(a, b) for _, a, b, _ in _scored()]


def pair_keys_of(*, contact: Contact) -> list[tuple[int, int]]:
    """The likely duplicate pairs one contact is in (lower key first), best first: one
    statement, no one's rights (a service asks it for a contact it has just recorded)."""
    only = "AND (a.id = %s OR b.id = %s)"
    return [(a, b) for _, a, b, _ in _scored(only=only, params=[contact.pk, contact.pk])]


def duplicates_of(*, user, contact: Contact) -> list[LikelyDuplicate]:
    """The likely duplicates of one contact, best first, for a manager to review (none
    for anyone else)."""
    if not policy.can_review_duplicates(user):
        return []
    only = "AND (a.id = %s OR b.id = %s)"
    return _pairs(_scored(only=only, params=[contact.pk, contact.pk])[:PAIRS_MAX])


def pairs_found_with(*, user, contact: Contact) -> int:
    """How many likely duplicate pairs kept for review this contact is in (for whoever
    may see contacts: a number, no one's details)."""
    if not casework_policy.can_record_casework(user):
        return 0
    return PairFound.objects.filter(Q(first=contact) | Q(second=contact)).count()


def duplicate_pair_get(*, user, first_public_id, second_public_id) -> LikelyDuplicate | None:
    """One pair to review side by side while it is still a likely duplicate (None when it
    is not, was decided, or the user may not review)."""
    if not policy.can_review_duplicates(user):
        return None
    ids = sorted(
        Contact.objects.filter(
            public_id__in=[first_public_id, second_public_id], removed_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if len(ids) != 2:
        return None
    pairs = _pairs(_scored(only="AND a.id = %s AND b.id = %s", params=ids))
    return pairs[0] if pairs else None


def survivor_of(*, user, public_id) -> Contact | None:
    """The record a merged-away contact now lives on (following later merges), for those
    who may see contacts; None when the contact was not merged away."""
    if not casework_policy.can_record_casework(user):
        return None
    try:
        contact = Contact.objects.filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None
    seen = set()
    while contact is not None and contact.is_removed and contact.pk not in seen:
        seen.add(contact.pk)
        merge = Merge.objects.filter(merged=contact, unmerged_at__isnull=True).first()
        contact = merge.survivor if merge is not None else None
    return None if contact is None or not seen else contact


def merges_into(*, user, contact: Contact) -> list[Merge]:
    """The current merges of other records into this one, newest first."""
    if not casework_policy.can_record_casework(user):
        return []
    return list(
        Merge.objects.filter(survivor=contact, unmerged_at__isnull=True).select_related(
            "merged", "merged_by"
        )
    )


def merge_get(*, user, public_id) -> Merge | None:
    """A merge, for a manager to undo."""
    if not policy.can_unmerge(user):
        return None
    try:
        return (
            Merge.objects.select_related("survivor", "merged", "merged_by")
            .filter(public_id=public_id)
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        return None

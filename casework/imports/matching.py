"""Is this row's person already recorded? Find-before-create's matcher
(casework.people_search), held to more than a screen's list of likely people, since no
person looks at each row: both names (a slip allowed) and a date of birth, phone or email
agree, or a borough's housing reference does; never someone born on another day.

In a batch of rows (`batch_screened`), one statement first reads everyone already
recorded who shares a date of birth, phone, email or reference with any row of the
batch; a row that could match none of them (by the rule above, with the same name
test), nor an earlier row of its batch, is known to match nobody without asking the
matcher. Only the others go through `same_person`, which decides."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.functions import Lower

from casework.imports.registry import Outcome
from casework.imports.values import date_of
from casework.people_search import Typed, name_alike, people_matching, typed_fields

SAME_PERSON = {"date of birth", "phone", "email"}
SAME_REFERENCE = "housing reference"


def same_person(queryset, *, columns, **typed) -> tuple[object | None, tuple[str, ...]]:
    """(the person, what matched) or (None, ()). `typed`: typed_fields' keywords."""
    born = typed.get("date_of_birth")
    wanted = typed_fields(**typed)
    for found, reasons in people_matching(queryset, wanted, columns=columns, limit=3):
        if born and found.date_of_birth and found.date_of_birth != born:
            continue
        said = set(reasons)
        if SAME_REFERENCE in said or ({"first name", "last name"} <= said and SAME_PERSON & said):
            return found, tuple(reasons)
    return None, ()


def could_be(person: Typed, other: Typed) -> bool:
    """Could `same_person` match these two? Its rule, with its name test, over two
    people's details (never false when it would match them)."""
    if person.reference and person.reference == other.reference:
        return True
    if person.date_of_birth and other.date_of_birth != person.date_of_birth:
        if other.date_of_birth:
            return False  # born on another day
    shared = (
        (person.date_of_birth and person.date_of_birth == other.date_of_birth)
        or (person.phone and person.phone == other.phone)
        or (person.email and person.email == other.email)
    )
    return bool(
        shared
        and person.first_name
        and person.last_name
        and name_alike(person.first_name, other.first_name)
        and name_alike(person.last_name, other.last_name)
    )


@dataclass
class _Batch:
    rows: list[Typed]  # each row's person, in order
    current: int = -1
    recorded: dict = field(default_factory=dict)  # model → {exact detail: [Typed] recorded}


_batch: ContextVar[_Batch | None] = ContextVar("imports_batch", default=None)


def row_person(values: dict) -> Typed:
    """The person a row names, read leniently (a date that is not one is left out: the
    row's own check refuses it)."""
    try:
        born = date_of("date_of_birth", values.get("date_of_birth", ""))
    except Exception:
        born = None
    return typed_fields(
        first_name=values.get("first_name", ""),
        last_name=values.get("last_name", ""),
        date_of_birth=born,
        phone=values.get("phone", ""),
        email=values.get("email", ""),
        housing_reference=values.get("housing_reference", ""),
    )


@contextmanager
def batch_screened(rows_values: list[dict]):
    """Within it, `matched` skips the matcher for rows that can match nobody; call
    `batch_row(i)` before each row."""
    token = _batch.set(_Batch(rows=[row_person(values) for values in rows_values]))
    try:
        yield
    finally:
        _batch.reset(token)


def batch_row(index: int) -> None:
    batch = _batch.get()
    if batch is not None:
        batch.current = index


def _recorded(batch: _Batch, queryset, columns) -> list[Typed]:
    """Everyone in `queryset` sharing an exact detail with a row of the batch."""
    key = queryset.model
    if key not in batch.recorded:
        rows = batch.rows
        births = {p.date_of_birth for p in rows if p.date_of_birth}
        phones = {p.phone for p in rows if p.phone}
        emails = {p.email for p in rows if p.email}
        references = {p.reference for p in rows if p.reference}
        shared = Q(date_of_birth__in=births) | Q(phone_digits__in=phones) | Q(lowered__in=emails)
        if columns.reference and references:
            shared |= Q(**{f"{columns.reference}__in": references})
        wanted = ["first_name", "last_name", "date_of_birth", "phone_digits", "lowered"]
        if columns.reference:
            wanted.append(columns.reference)
        # Only those `could_be` matches with some row of the batch are kept, and the rows
        # are streamed: what is held is bounded by the batch, not by how many recorded
        # people share a birthday with it (which grows with the partner's records).
        by_detail = {}
        for row in rows:
            for detail in _details(row):
                by_detail.setdefault(detail, []).append(row)
        index = {}
        found_rows = queryset.annotate(lowered=Lower("email")).filter(shared).values(*wanted)
        for found in found_rows.iterator(chunk_size=500):
            person = Typed(
                first_name=found["first_name"],
                last_name=found["last_name"],
                date_of_birth=found["date_of_birth"],
                phone=found["phone_digits"],
                email=found["lowered"],
                reference=found.get(columns.reference or "", "") or "",
            )
            details = _details(person)
            if not any(
                could_be(row, person) for detail in details for row in by_detail.get(detail, ())
            ):
                continue
            for detail in details:
                index.setdefault(detail, []).append(person)
        batch.recorded[key] = index
    return batch.recorded[key]


def screen_held() -> int:
    """How many recorded people the current batch's screen holds (at most a few a row:
    the ones `could_be` matches with one, never everyone sharing a birthday with it)."""
    batch = _batch.get()
    if batch is None:
        return 0
    return sum(
        len({id(person) for people in index.values() for person in people})
        for index in batch.recorded.values()
    )


def _details(person: Typed) -> list[tuple]:
    """The exact details `could_be` needs two people to share (one at least)."""
    return [
        (name, value)
        for name, value in (
            ("born", person.date_of_birth),
            ("phone", person.phone),
            ("email", person.email),
            ("reference", person.reference),
        )
        if value
    ]


def _sharing(index: dict, person: Typed) -> list[Typed]:
    """The people of `index` sharing an exact detail with `person`: the only ones
    `could_be` may match it to (so a batch compares a row with a few, not thousands)."""
    return [other for detail in _details(person) for other in index.get(detail, ())]


def _nobody(queryset, columns, typed: dict) -> bool:
    """True when the batch's screen shows this row's person can match no one."""
    batch = _batch.get()
    if batch is None or batch.current < 0:
        return False
    person = typed_fields(**typed)
    earlier = batch.rows[: batch.current]
    if any(could_be(person, other) for other in earlier):
        return False  # an earlier row of the batch may have just been created
    recorded = _sharing(_recorded(batch, queryset, columns), person)
    return not any(could_be(person, other) for other in recorded)


def matcher_needed(queryset, *, columns, **typed) -> bool:
    """Would `matched` ask the matcher about this row (could it match somebody, recorded
    or earlier in the batch)? A bulk batch writes the rows it holds first when so."""
    return not _nobody(queryset, columns, typed)


def matched(queryset, *, columns, label=str, **typed):
    """The person already recorded whom a row names, as (person, the "matched" Outcome),
    or None: what every kind's row asks before creating anyone."""
    if _nobody(queryset, columns, typed):
        return None
    found, matched_on = same_person(queryset, columns=columns, **typed)
    if found is None:
        return None
    return found, Outcome("matched", label(found), matched_on)

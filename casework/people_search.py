"""One search for people, wherever a person is looked for: the header, the Contacts and
Callers lists, find-before-create, the person pickers and the API (customers reuse the
engine over their own model). The same typo tolerance everywhere (a name one slip away
in either name, the names swapped: casework.name_matching's index probes, then
trigrams) and the same fields: name, client ID, date of birth, phone (any spacing,
+44 or 0), postcode (any spacing), email, and a borough's housing reference. Each
result says what matched. The caller passes the queryset the user may see, so the
search is filtered in SQL to it before anything is counted."""

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection, transaction
from django.db.models import FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from casework.name_matching import near_names_sql
from casework.services.contacts import phone_key
from tenants.postcodes import POSTCODE_SHAPE, postcode_compact, postcode_format

NAME_SIMILARITY = 0.3  # per word, to explain a match
FULL_NAME_THRESHOLD = 0.45  # whole "first last", to find one
# Each typed name, against its best-matching part of a person's name: one typo in a
# short name still leaves a third of its trigrams (measured with bench/duplicates).
WORD_THRESHOLD = 0.3
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y")
CLIENT_ID_RE = re.compile(r"^[A-Z]{1,10}-[0-9]{1,12}$")
PHONE_RE = re.compile(r"^[+()0-9 .-]{4,}$")
WHOLE_NUMBER = 10  # digits of a UK number in national form, less than 11 for old ones


@dataclass(frozen=True)
class Typed:
    """What was typed, field by field (a find-before-create form), or read from one box."""

    first_name: str = ""
    last_name: str = ""
    client_id: str = ""
    date_of_birth: date | None = None
    postcode: str = ""  # normalised "SW1A 1AA"
    phone: str = ""  # digits, national form
    phone_part: str = ""  # a few digits of a number ("the last six digits")
    email: str = ""
    reference: str = ""  # a borough's housing reference, normalised
    words: tuple[str, ...] = field(default=())  # one name word typed alone

    def __bool__(self) -> bool:
        return any(
            (
                self.first_name,
                self.last_name,
                self.client_id,
                self.date_of_birth,
                self.postcode,
                self.phone,
                self.phone_part,
                self.email,
                self.reference,
                self.words,
            )
        )


def typed_fields(
    *,
    first_name="",
    last_name="",
    date_of_birth=None,
    postcode="",
    phone="",
    email="",
    client_id="",
    housing_reference="",
) -> Typed:
    """A find-before-create form's fields (a postcode that is not one is left out: the
    form names it when creating)."""
    compact = postcode_compact(postcode)
    digits = phone_key(phone)
    return Typed(
        first_name=(first_name or "").strip(),
        last_name=(last_name or "").strip(),
        client_id=(client_id or "").strip().upper(),
        date_of_birth=date_of_birth,
        postcode=postcode_format(compact) if POSTCODE_SHAPE.match(compact) else "",
        phone=digits if len(digits) >= 6 else "",
        email=(email or "").strip().lower(),
        reference=re.sub(r"\s+", "", housing_reference or "").upper(),
    )


def read_query(text: str, *, references: bool = False) -> Typed:
    """One search box: "Jonh Smiht", "07700 900789", "+44 7700 900789", "RV1 2AB",
    "rv12ab", "CB-000123", "27/3/2019", "jo@example.org", a housing reference."""
    text = (text or "").strip()[:200]
    if len(text) < 2:
        return Typed()
    if "@" in text:
        return Typed(email=text.lower())
    for fmt in DATE_FORMATS:
        try:
            return Typed(date_of_birth=datetime.strptime(text, fmt).date())
        except ValueError:
            pass
    compact = postcode_compact(text)
    if POSTCODE_SHAPE.match(compact):
        return Typed(postcode=postcode_format(compact))
    digits = phone_key(text)
    if PHONE_RE.match(text) and len(digits) >= WHOLE_NUMBER:
        return Typed(phone=digits)
    if PHONE_RE.match(text) and len(digits) >= 4:
        return Typed(phone_part=digits)
    upper = text.upper()
    found = Typed()
    if CLIENT_ID_RE.match(upper):
        found = replace(found, client_id=upper)
    if references and any(ch.isdigit() for ch in text):
        found = replace(found, reference=re.sub(r"\s+", "", upper))
    if found:
        return found
    words = text.split()
    if len(words) == 1:
        return Typed(words=(words[0],))
    return Typed(first_name=" ".join(words[:-1]), last_name=words[-1])


@dataclass(frozen=True)
class Columns:
    """Where a model keeps what the search looks at."""

    postcode: str
    client_id: str | None = None
    reference: str | None = None
    # Names one slip away by index probes (casework.name_matching) need the model's
    # two double-metaphone indexes; without them, trigrams alone.
    sound_indexed_table: str | None = None


CONTACTS = Columns(
    postcode="household__postcode", client_id="client_id", sound_indexed_table="casework_contact"
)


def people_matching(queryset: QuerySet, typed: Typed, *, columns: Columns, limit: int = 10):
    """[(person, [what matched, …])], best first: most fields matched, then the most
    similar name. `queryset` is what the user may see."""
    if not typed:
        return []
    exact = Q()
    if typed.client_id and columns.client_id:
        exact |= Q(**{columns.client_id: typed.client_id})
    if typed.reference and columns.reference:
        exact |= Q(**{columns.reference: typed.reference})
    if typed.date_of_birth:
        exact |= Q(date_of_birth=typed.date_of_birth)
    if typed.postcode:
        exact |= Q(**{columns.postcode: typed.postcode})
    if typed.phone:
        exact |= Q(phone_digits=typed.phone)
    if typed.phone_part:
        exact |= Q(phone_digits__contains=typed.phone_part)
    if typed.email:
        exact |= Q(email__iexact=typed.email)
    full_name = f"{typed.first_name} {typed.last_name}".strip() or " ".join(typed.words)
    score = (
        TrigramSimilarity("search_name", full_name)
        if full_name
        else Value(0.0, output_field=FloatField())
    )
    candidates = {}
    if typed.first_name or typed.last_name:
        candidates.update(
            (p.pk, p) for p in _similar_names(queryset, typed, columns, limit * 3, bool(exact))
        )
    elif typed.words:
        word = typed.words[0]
        candidates.update(
            (p.pk, p)
            for p in queryset.filter(
                Q(search_name__icontains=word) | Q(search_name__trigram_similar=word)
            )
            .annotate(score=score)
            .order_by("-score", "pk")[: limit * 3]
        )
    if exact:
        # Best names first, so the person is kept even when many share a birthday.
        candidates.update(
            (p.pk, p)
            for p in queryset.filter(exact)
            .annotate(score=score)
            .order_by("-score", "pk")[: limit * 3]
        )
    results = []
    for person in candidates.values():
        reasons = _reasons(person, typed, columns)
        if reasons:
            person.matched = reasons  # for lists that show the person alone
            results.append((person, reasons))
    results.sort(key=lambda item: (-len(item[1]), -item[0].score, item[0].pk))
    return results[:limit]


def _reasons(person, typed: Typed, columns: Columns) -> list[str]:
    reasons = []
    first, last = typed.first_name, typed.last_name
    if first and name_alike(first, person.first_name):
        reasons.append("first name")
    if last and name_alike(last, person.last_name):
        reasons.append("last name")
    if (
        first
        and last
        and name_alike(first, person.last_name)
        and name_alike(last, person.first_name)
    ):
        reasons.append("names swapped")
    if typed.words:
        word = typed.words[0].lower()
        if word in person.search_name.lower():
            reasons.append("name")
        elif person.score >= NAME_SIMILARITY:
            reasons.append("similar name")
    elif (first or last) and not reasons and person.score >= NAME_SIMILARITY:
        reasons.append("similar name")
    if typed.client_id and columns.client_id and person.client_id == typed.client_id:
        reasons.append("client ID")
    if typed.reference and columns.reference and person.housing_reference == typed.reference:
        reasons.append("housing reference")
    if typed.date_of_birth and person.date_of_birth == typed.date_of_birth:
        reasons.append("date of birth")
    if typed.postcode and _postcode_of(person, columns) == typed.postcode:
        reasons.append("postcode")
    if typed.phone and person.phone_digits == typed.phone:
        reasons.append("phone")
    if typed.phone_part and typed.phone_part in person.phone_digits:
        reasons.append("part of the phone number")
    if typed.email and (person.email or "").lower() == typed.email:
        reasons.append("email")
    return reasons


def _postcode_of(person, columns: Columns) -> str:
    value = person
    for part in columns.postcode.split("__"):
        value = getattr(value, part)
    return value


def _similar_names(people, typed: Typed, columns: Columns, count: int, other_details: bool):
    """People whose "first last" is like the one typed (typos, swapped names), best first.

    With both names typed, first the names one slip away (casework.name_matching: exact
    index probes, fast at any size). Only when none is, the trigram index: each word
    must be partly present somewhere in the name (pg_trgm word similarity, order-free)
    and the whole name must score FULL_NAME_THRESHOLD; that reads the posting lists of
    common trigrams, slow on a large register, so it is skipped when a date of birth,
    postcode or phone can find the person instead. With one name typed, the whole-name
    similarity alone."""
    first_name, last_name = typed.first_name, typed.last_name
    full_name = f"{first_name} {last_name}".strip()
    score = TrigramSimilarity("search_name", full_name)
    whole = people.filter(search_name__trigram_similar=full_name)
    near = (
        near_names_sql(first_name, last_name, count, table=columns.sound_indexed_table)
        if columns.sound_indexed_table
        else None
    )
    if near is not None:
        near_ids = RawSQL(*near)  # noqa: S611 (constant SQL, the typed names are parameters)
        found = list(
            people.filter(pk__in=near_ids).annotate(score=score).order_by("-score")[:count]
        )
        if found or other_details:
            return found
    elif not (first_name and last_name):
        return _nearest(whole, score, count, "pg_trgm.similarity_threshold", FULL_NAME_THRESHOLD)
    both = people.filter(search_name__trigram_word_similar=first_name).filter(
        search_name__trigram_word_similar=last_name
    )
    found = _nearest(both, score, count, "pg_trgm.word_similarity_threshold", WORD_THRESHOLD)
    if not found:
        # A short name with a typo may have lost most of its trigrams: the whole name
        # alone (slower still: a common first name floods it).
        found = _nearest(whole, score, count, "pg_trgm.similarity_threshold", FULL_NAME_THRESHOLD)
    return found


def _nearest(similar, score, count, setting, threshold) -> list:
    nearest = (
        similar.annotate(score=score).filter(score__gte=FULL_NAME_THRESHOLD).order_by("-score")
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # pg_trgm's defaults would offer many strangers who share a syllable.
        cursor.execute(f"SET LOCAL {setting} = %s", [threshold])
        return list(nearest[:count])


def _trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: lower-cased, padded with two spaces before, one after."""
    padded = f"  {word.lower()} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def name_alike(a: str, b: str) -> bool:
    """Like enough to say the name matched: one slip away (what the index probes find),
    or pg_trgm's similarity() over NAME_SIMILARITY."""
    if _one_slip(a.lower(), b.lower()):
        return True
    ta, tb = _trigrams(a), _trigrams(b)
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= NAME_SIMILARITY


def _one_slip(a: str, b: str) -> bool:
    """The same word, or one letter added, dropped, replaced or swapped with its neighbour."""
    if a == b:
        return bool(a)
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diffs) == 1 or (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and (a[diffs[0]], a[diffs[1]]) == (b[diffs[1]], b[diffs[0]])
        )
    shorter, longer = sorted((a, b), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))

"""A spreadsheet's texts read as the services' values: dates in the shapes exports write
them, whole numbers, and choices said in the source system's words. A text that is not
one is refused with the field's name and the shape expected."""

import hashlib
import json
from datetime import date, datetime, time

from django.core.exceptions import ValidationError

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%Y-%m-%dT%H:%M:%S")


def date_of(field: str, text: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text[:19], fmt).date()
        except ValueError:
            pass
    raise ValidationError({field: f"“{text[:30]}” is not a date: write it like 27/3/2019."})


TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%H.%M", "%I:%M%p", "%I:%M %p", "%I%p", "%I.%M%p")


def time_of(field: str, text: str) -> time | None:
    text = (text or "").strip().upper()
    if not text:
        return None
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt).time()
        except ValueError:
            pass
    raise ValidationError({field: f"“{text[:30]}” is not a time: write it like 09:30 or 2:15pm."})


def number_of(field: str, text: str) -> int | None:
    text = (text or "").strip().replace(",", "")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise ValidationError({field: f"“{text[:30]}” is not a number."}) from None
    if not number.is_integer():
        raise ValidationError({field: f"“{text[:30]}” is not a whole number."})
    return int(number)


def choice_of(field: str, text: str, words: dict[str, str], default: str = "") -> str:
    """`words`: the source's words (lower case) → our value."""
    key = (text or "").strip().lower()
    if not key:
        return default
    if key in words:
        return words[key]
    raise ValidationError({field: f"“{text[:30]}” is not one of: {', '.join(sorted(set(words)))}."})


def fingerprint(values: dict[str, str]) -> str:
    """The same row again gives the same digest (the order of the columns aside)."""
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


def all_errors(*checks) -> dict:
    """Run each check (a callable), gathering every field's refusal, then raise them all."""
    errors, results = {}, []
    for check in checks:
        try:
            results.append(check())
        except ValidationError as exc:
            errors.update(exc.message_dict)
            results.append(None)
    if errors:
        raise ValidationError(errors)
    return results

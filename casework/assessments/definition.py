"""What a template's definition is (JSON, frozen into each published version), how it is
checked on publish, how answers are checked per question type, and how domains are scored.

    {"sections": [{"title": str, "questions": [
        {"key": str, "label": str, "kind": QUESTION_KINDS key, "required": bool,
         "help": str, "choices": [str], "domain": domain key or ""}]}],
     "domains": [{"key": str, "label": str}]}

A scored domain (housing, health, …) is scored 0–10 by the 0–10 scale questions tied to
it (their mean); the total is the sum of the domains scored."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.text import slugify

QUESTION_KINDS = {
    "text": "Text",
    "number": "Number",
    "date": "Date",
    "single": "One choice",
    "multiple": "Several choices",
    "yes_no": "Yes or no",
    "scale5": "Scale of 1 to 5",
    "scale10": "Scale of 0 to 10",
}
SCALES = {"scale5": (1, 5), "scale10": (0, 10)}
CHOICE_KINDS = ("single", "multiple")
LONGEST_TEXT = 5000
LONGEST_LABEL = 300
MOST_QUESTIONS = 200
MOST_CHOICES = 30
MOST_DOMAINS = 12
NUMBER_LIMIT = 10**9


def questions_of(definition: dict) -> list[dict]:
    return [q for section in definition.get("sections", []) for q in section.get("questions", [])]


def key_for(label: str, taken) -> str:
    """A question's or domain's key from its label, unique in the definition."""
    base = (slugify(label)[:40] or "q").replace("-", "_")
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}_{n}"
    return key


def definition_check(definition: dict) -> None:
    """Refuse, in words, a definition that cannot be published."""
    problems = []
    sections = definition.get("sections") or []
    domains = {d["key"] for d in definition.get("domains", [])}
    if not sections:
        problems.append("Add at least one section.")
    questions = questions_of(definition)
    if not questions:
        problems.append("Add at least one question.")
    if len(questions) > MOST_QUESTIONS:
        problems.append(f"A template holds at most {MOST_QUESTIONS} questions.")
    keys = [q["key"] for q in questions]
    if len(keys) != len(set(keys)):
        problems.append("Two questions have the same key.")
    for section in sections:
        if not section.get("questions"):
            problems.append(f"The section “{section['title']}” has no questions.")
    for q in questions:
        if q["kind"] not in QUESTION_KINDS:
            problems.append(f"“{q['label']}” has an unknown type.")
        if q["kind"] in CHOICE_KINDS and len(q.get("choices") or []) < 2:
            problems.append(f"“{q['label']}” needs at least two choices.")
        if q.get("domain") and (q["kind"] != "scale10" or q["domain"] not in domains):
            problems.append(f"“{q['label']}”: only a 0–10 scale can score a domain.")
    if len(domains) > MOST_DOMAINS:
        problems.append(f"A template scores at most {MOST_DOMAINS} domains.")
    for d in definition.get("domains", []):
        if not any(q.get("domain") == d["key"] for q in questions):
            problems.append(f"No question scores the domain “{d['label']}”.")
    if problems:
        raise ValidationError({"definition": problems})


def _clean_one(q: dict, raw):
    """(value, None) or (None, message) for one question's answer; None when blank."""
    kind = q["kind"]
    if raw is None or raw == "" or raw == []:
        return None, None
    if kind == "text":
        text = str(raw).strip()
        if len(text) > LONGEST_TEXT:
            return None, f"Keep the answer under {LONGEST_TEXT:,} characters."
        return text or None, None
    if kind == "number":
        try:
            number = Decimal(str(raw).strip())
        except ArithmeticError:
            return None, "Enter a number, like 3 or 2.5."
        if not number.is_finite() or abs(number) >= NUMBER_LIMIT:
            return None, "Enter a number, like 3 or 2.5."
        return (int(number) if number == number.to_integral_value() else float(number)), None
    if kind == "date":
        if isinstance(raw, date):
            day = raw
        else:
            try:
                day = date.fromisoformat(str(raw).strip())
            except ValueError:
                return None, "Enter a date, like 2026-03-31."
        if day.year < 1900 or day.year > 2100:
            return None, "Enter a date between 1900 and 2100."
        return day.isoformat(), None
    if kind == "single":
        if raw not in q["choices"]:
            return None, "Choose one of the answers offered."
        return raw, None
    if kind == "multiple":
        chosen = [raw] if isinstance(raw, str) else list(raw)
        if any(c not in q["choices"] for c in chosen):
            return None, "Choose from the answers offered."
        return [c for c in q["choices"] if c in chosen], None
    if kind == "yes_no":
        if raw in (True, "yes", "true"):
            return True, None
        if raw in (False, "no", "false"):
            return False, None
        return None, "Answer yes or no."
    low, high = SCALES[kind]
    try:
        value = int(str(raw).strip())
    except ValueError:
        value = None
    if value is None or not (low <= value <= high) or isinstance(raw, float | bool):
        return None, f"Choose a whole number from {low} to {high}."
    return value, None


def answers_clean(definition: dict, answers: dict, *, complete: bool) -> dict:
    """The answers as stored, or a ValidationError naming each question (by key) that is
    wrong; on completion every required question must be answered."""
    known = {q["key"]: q for q in questions_of(definition)}
    errors = {}
    unknown = set(answers) - set(known)
    for key in unknown:
        errors[key] = "This is not a question of this assessment."
    cleaned = {}
    for key, q in known.items():
        value, message = _clean_one(q, answers.get(key))
        if message:
            errors[key] = message
        elif value is None and complete and q.get("required"):
            errors[key] = "Answer this question: it is required."
        elif value is not None:
            cleaned[key] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def scores_of(definition: dict, answers: dict) -> tuple[dict, Decimal | None]:
    """({domain key: score 0–10}, total) from the answers given (domains unanswered are
    left out; no domains: no total)."""
    scores = {}
    for domain in definition.get("domains", []):
        values = [
            answers[q["key"]]
            for q in questions_of(definition)
            if q.get("domain") == domain["key"] and q["key"] in answers
        ]
        if values:
            scores[domain["key"]] = float(round(Decimal(sum(values)) / len(values), 1))
    total = Decimal(str(round(sum(scores.values()), 1))) if scores else None
    return scores, total


def answer_text(q: dict, value) -> str:
    """An answer as the assessment shows it."""
    if value is None:
        return "Not answered"
    if q["kind"] == "yes_no":
        return "Yes" if value else "No"
    if q["kind"] == "multiple":
        return ", ".join(value)
    if q["kind"] == "date":
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    if q["kind"] in SCALES:
        return f"{value} out of {SCALES[q['kind']][1]}"
    return str(value)

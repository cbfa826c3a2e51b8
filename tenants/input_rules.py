"""One input contract for text, whichever way it arrives (portal, GraphQL, commands, Celery).

Every text column of Casebridge's own models is checked before it is saved: at most its
model field's `max_length` (text fields without one: TEXT_LIMIT), and no NUL, control
characters other than line breaks and tabs, or lone surrogates (PostgreSQL refuses the
first and the driver the last with an internal error; the rest break exports and
terminals). A bad value raises ValidationError naming the field, which services and the
GraphQL mutations already turn into field errors, inside the service's transaction, so
nothing is half-saved. Input hygiene is not a business rule: it holds for every write,
so it runs on pre_save rather than in each service.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_save

# The longest free text anyone writes (a case narrative); fields that should be shorter
# declare max_length on the model.
TEXT_LIMIT = 20_000

# Our own apps (by label): Wagtail, Django and third-party models keep their own rules.
CHECKED_APPS = frozenset(
    {
        "tenants",
        "accounts",
        "casework",
        "safeguarding",
        "notes",
        "duplicates",
        "plans",
        "files",
        "incidents",
        "imports",
        "assessments",
        "events",
        "access",
        "worklist",
        "referrals",
        "customers",
        "signposting",
        "retention",
        "agreements",
    }
    | {"subject_access", "reports", "cms", "workspace"}
)

_NOT_ALLOWED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why this text cannot be stored, in words, or None."""
    found = _NOT_ALLOWED.search(value)
    if found is None:
        return None
    if found.group() == "\x00":
        return "contains a null character, which is not allowed"
    if "\ud800" <= found.group() <= "\udfff":
        return "contains an invalid character (a lone surrogate), which is not allowed"
    return "contains a control character, which is not allowed (only line breaks and tabs are)"


def text_limit(field: models.Field) -> int | None:
    if isinstance(field, models.TextField):
        return field.max_length or TEXT_LIMIT
    if isinstance(field, models.CharField):
        return field.max_length
    return None


def _label(field: models.Field) -> str:
    return str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:]


def text_errors(instance: models.Model) -> dict[str, str]:
    errors = {}
    for field in instance._meta.concrete_fields:
        limit = text_limit(field)
        if limit is None and not isinstance(field, models.CharField | models.TextField):
            continue
        value = getattr(instance, field.attname, None)
        if not isinstance(value, str):
            continue
        problem = text_problem(value)
        if problem is not None:
            errors[field.name] = f"{_label(field)} {problem}."
        elif limit is not None and len(value) > limit:
            errors[field.name] = (
                f"{_label(field)} must be {limit:,} characters or fewer (it has {len(value):,})."
            )
    return errors


def check_text_input(sender, instance, raw=False, **kwargs) -> None:
    if raw or sender._meta.app_label not in CHECKED_APPS:
        return
    errors = text_errors(instance)
    if errors:
        raise ValidationError(errors)


def connect() -> None:
    pre_save.connect(check_text_input, dispatch_uid="casebridge-text-input")

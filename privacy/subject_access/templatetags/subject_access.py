"""`{% subject_access_link person %}`: the data protection role's way in from a contact's,
a caller's or a customer's page."""

from datetime import datetime

from django import template
from django.utils.formats import date_format

from privacy.subject_access import policy

register = template.Library()


@register.inclusion_tag("subject_access/_link.html", takes_context=True)
def subject_access_link(context, person, kind="contact"):
    return {
        "show": policy.can_take_subject_access(context["request"].user),
        "person": person,
        "kind": kind,
    }


@register.filter
def as_read(value):
    """A bundle value as a person reads it (the JSON keeps the exact value): dates and
    times in words, yes/no, a details mapping as "name: value" pairs; empty as "–"."""
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dict):
        return "; ".join(f"{str(k).replace('_', ' ')}: {as_read(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(as_read(item) for item in value)
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            return value
        if len(value) == 10:
            return date_format(when.date(), "j M Y")
        return date_format(when, "j M Y, H:i")
    return value

from django import template

from referrals.types import PERSON_FIELD_LABELS, REFERRAL_TYPES
from tenants.models import Region

register = template.Library()


@register.filter
def region_name(code: str) -> str:
    try:
        return Region(code).label
    except ValueError:
        return code or "–"


@register.filter
def person_label(name: str) -> str:
    return PERSON_FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


@register.filter
def detail_rows(details: dict, referral_type: str) -> list[tuple[str, object]]:
    """(label, value) of a referral's details, in the type's own order."""
    spec = REFERRAL_TYPES.get(referral_type)
    if spec is None or not details:
        return []
    rows = []
    for field in spec.details:
        if field.name in details:
            value = details[field.name]
            if isinstance(value, bool):
                value = "Yes" if value else "No"
            rows.append((field.label, value))
    return rows


@register.filter
def type_label(key: str) -> str:
    spec = REFERRAL_TYPES.get(key)
    return spec.label if spec else key

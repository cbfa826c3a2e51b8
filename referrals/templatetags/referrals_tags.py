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


@register.inclusion_tag("referrals/_home_panel.html", takes_context=True)
def referrals_home_panel(context):
    """The home page's referral figures, for those whose work they are (one count each)."""
    from referrals import policy, selectors
    from referrals.models import ReferralStatus

    user = context["request"].user
    figures = []
    if policy.can_review_cases(user):
        count = selectors.review_queue(user=user).count()
        figures.append(
            ("review", count, "case waiting for review", "cases waiting for review", "review_queue")
        )
    if policy.can_receive_referrals(user):
        count = selectors.inbox_visible_to(user=user).filter(status=ReferralStatus.SENT).count()
        figures.append(
            (
                "inbox",
                count,
                "referral waiting for an answer",
                "referrals waiting for an answer",
                "referral_inbox",
            )
        )
    return {"figures": figures}

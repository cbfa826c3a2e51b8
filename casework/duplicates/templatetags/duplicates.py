"""The Contacts page's link to likely duplicates, for those who review them (so the
contacts view needs no knowledge of duplicates)."""

from django import template

from casework.duplicates import policy

register = template.Library()


@register.simple_tag(takes_context=True)
def may_review_duplicates(context) -> bool:
    return policy.can_review_duplicates(context["request"].user)

"""The Contacts page's link to the Import area, for those who import (so the contacts
view needs no knowledge of imports)."""

from django import template

from casework.imports import policy

register = template.Library()


@register.simple_tag(takes_context=True)
def may_import(context) -> bool:
    return policy.can_import(context["request"].user)

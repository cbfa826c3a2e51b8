from django import template

from tenants.accounts import audit_words
from tenants.accounts import capabilities as cap

register = template.Library()


@register.simple_tag
def offered_privileges(form):
    """The privileges the form offers to this actor (the service refuses any other)."""
    offered = getattr(form.fields["privileges"], "offered", set())
    return [(p, label) for p, label in cap.PRIVILEGES.items() if p in offered]


@register.filter
def audit_action(action: str) -> str:
    return audit_words.action_words(action)


@register.simple_tag
def audit_changes(entry):
    return audit_words.change_words(entry.before, entry.after)

from django import template

from tenants.accounts import capabilities as cap

register = template.Library()


@register.simple_tag
def offered_privileges(form):
    """The privileges the form offers to this actor (the service refuses any other)."""
    offered = getattr(form.fields["privileges"], "offered", set())
    return [(p, label) for p, label in cap.PRIVILEGES.items() if p in offered]

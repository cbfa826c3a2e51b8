"""`{% recent_incidents contact %}`: the side panel of a contact's record."""

from django import template

from casework.incidents import policy, selectors

register = template.Library()


@register.inclusion_tag("incidents/_recent_incidents.html", takes_context=True)
def recent_incidents(context, contact):
    user = context["request"].user
    return {
        "contact": contact,
        "show": policy.can_see_incidents(user),
        "incidents": selectors.incidents_recent_on(user=user, contact=contact),
        "can_raise": policy.can_raise_incident(user),
    }

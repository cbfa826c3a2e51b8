"""`{% subject_access_link person %}`: the data protection role's way in from a contact's,
a caller's or a customer's page."""

from django import template

from privacy.subject_access import policy

register = template.Library()


@register.inclusion_tag("subject_access/_link.html", takes_context=True)
def subject_access_link(context, person, kind="contact"):
    return {
        "show": policy.can_take_subject_access(context["request"].user),
        "person": person,
        "kind": kind,
    }

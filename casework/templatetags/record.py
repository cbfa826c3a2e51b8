"""`{% record_tabs %}`: the tab row of a contact's or an engagement's record, with the tabs
the client record's parts registered (casework.record_tabs)."""

from django import template
from django.urls import reverse

from casework import record_tabs as tabs

register = template.Library()


@register.inclusion_tag("casework/_record_tabs.html", takes_context=True)
def record_tabs(context, contact=None, engagement=None, showing=""):
    """`showing` is the key of the tab on screen ("" for the record itself, "history")."""
    if engagement is not None:
        label, key = "Engagement", engagement.public_id
        record_url = reverse("engagement_detail", args=[key])
        history_url = reverse("engagement_history", args=[key])
    else:
        label, key = "Contact", contact.public_id
        record_url = reverse("contact_detail", args=[key])
        history_url = reverse("contact_history", args=[key])
    return {
        "record_label": label,
        "record_url": record_url,
        "history_url": history_url,
        "showing": showing,
        "showing_history": showing == "history",
        "tabs": tabs.record_tabs(
            user=context["request"].user, contact=contact, engagement=engagement
        ),
    }

"""“Book a visit” beside “Log a call” on the contact and engagement screens (so their
views need no knowledge of events; the Events tab registers in casework.events.apps)."""

from django import template
from django.urls import reverse

from casework.events import policy

register = template.Library()


@register.inclusion_tag("events/_book_visit.html", takes_context=True)
def book_visit(context, contact=None, engagement=None):
    user = context["request"].user
    if engagement is not None:
        url = reverse("engagement_event_new", args=[engagement.public_id])
    else:
        url = reverse("contact_event_new", args=[contact.public_id])
    return {"shown": policy.can_record_events(user), "url": url}

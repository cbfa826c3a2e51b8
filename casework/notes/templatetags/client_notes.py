"""The Notes tab's count and the activity panel, for the contact and engagement screens
(so their views need no knowledge of notes)."""

from django import template

from casework.notes import policy, selectors
from casework.notes.forms import CallForm
from casework.notes.record import Record

register = template.Library()


@register.simple_tag(takes_context=True)
def notes_count(context, contact=None, engagement=None) -> int:
    user = context["request"].user
    return selectors.notes_count(user=user, contact=contact, engagement=engagement)


@register.inclusion_tag("notes/_log_call.html", takes_context=True)
def activity_panel(context, contact=None, engagement=None):
    user = context["request"].user
    record = Record(contact=contact, engagement=engagement)
    return {
        "record": record,
        "shown": policy.can_write_note(user, engagement=engagement),
        "folded": True,
        "form": CallForm(auto_id="call_%s"),
        "csrf_token": context.get("csrf_token"),
    }

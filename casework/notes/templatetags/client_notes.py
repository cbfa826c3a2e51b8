"""The activity panel (log a call) for the contact and engagement screens (so their views
need no knowledge of notes; the Notes tab registers in casework.notes.apps)."""

from django import template

from casework.notes import policy
from casework.notes.forms import CallForm
from casework.notes.record import Record

register = template.Library()


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

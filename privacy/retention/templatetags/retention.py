"""`{% legal_hold_link record "engagement" %}`: the data protection officer's way to the
legal holds of a record from its own page (contact, caller, customer, engagement,
safeguarding case, support case), with a tag when a hold is in place."""

from django import template

from privacy.retention import policy, selectors

register = template.Library()


@register.inclusion_tag("retention/_hold_link.html", takes_context=True)
def legal_hold_link(context, record, subject):
    user = context["request"].user
    if not policy.can_keep_retention(user):
        return {"show": False}
    return {
        "show": True,
        "subject": subject,
        "record": record,
        "held": selectors.holds_on(user=user, record=record).filter(released_at=None).exists(),
    }

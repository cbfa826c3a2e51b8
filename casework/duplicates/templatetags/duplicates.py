"""The Contacts page's link to likely duplicates, for those who review them (so the
contacts view needs no knowledge of duplicates)."""

from django import template

from casework.duplicates import policy, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def may_review_duplicates(context) -> bool:
    return policy.can_review_duplicates(context["request"].user)


@register.inclusion_tag("duplicates/_record_merges.html", takes_context=True)
def record_merges(context, contact):
    """On a contact's record: "Merge with…", and the records merged into it (with "Undo"
    for managers while it can be undone)."""
    user = context["request"].user
    merges = selectors.merges_into(user=user, record=contact)
    return {
        "contact": contact,
        "merges": [
            {"merge": m, "undo": policy.can_unmerge(user) and not policy.unmerge_blocked(m)}
            for m in merges
        ],
    }

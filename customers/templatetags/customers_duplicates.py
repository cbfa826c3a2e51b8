"""On a customer's record, the customers merged into it (with "Undo" while it can be
undone); on the Customers list, the link to likely duplicates: for those who review them
(so the customer views need no knowledge of duplicates)."""

from django import template

from casework.duplicates import policy as duplicates_policy
from customers import policy, selectors_duplicates

register = template.Library()


@register.simple_tag(takes_context=True)
def may_review_customer_duplicates(context) -> bool:
    return policy.can_review_duplicates(context["request"].user)


@register.inclusion_tag("customers/duplicates/_record_merges.html", takes_context=True)
def customer_merges(context, customer):
    user = context["request"].user
    merges = selectors_duplicates.customer_merges_into(user=user, customer=customer)
    return {
        "merges": [
            {
                "merge": m,
                "undo": policy.can_review_duplicates(user)
                and not duplicates_policy.unmerge_blocked(m),
            }
            for m in merges
        ]
    }

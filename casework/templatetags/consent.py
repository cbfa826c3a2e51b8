"""`{% consent_review contact %}`: the record's row saying when given consent is due for
review, or that it has expired (casework.consent)."""

from django import template

from casework.consent import consent_expired, consent_in_force, consent_review_soon

register = template.Library()


@register.inclusion_tag("casework/_consent_review.html")
def consent_review(contact, change_url=""):
    return {
        "contact": contact,
        "show": contact.consent_review_on is not None,
        "expired": consent_expired(contact),
        "soon": consent_review_soon(contact),
        "change_url": change_url,
    }


@register.filter(name="consent_in_force")
def consent_in_force_filter(contact) -> bool:
    """`{% if person|consent_in_force %}`: given, and not past its review date."""
    return consent_in_force(contact)

"""`{% contact_photo contact %}`: the photo on a contact's card (or a link to add one),
for staff who may see the contact."""

from django import template

from casework.files import policy, selectors

register = template.Library()


@register.inclusion_tag("files/_contact_photo.html", takes_context=True)
def contact_photo(context, contact):
    user = context["request"].user
    return {
        "contact": contact,
        "photo": selectors.photo_current(user=user, contact=contact),
        "can_change": policy.can_change_photo(user),
    }

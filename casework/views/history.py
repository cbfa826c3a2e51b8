"""History screens: every change to a contact, household or engagement (with its
deliveries and consultations), newest first, a page at a time. Who may see the
record decides who may see its history; otherwise 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from casework import selectors_history
from casework.views_common import found
from tenants.accounts.views_common import help_key


def _render(request, result, *, title: str, back_url: str, record_label: str, notes_url=""):
    record, page = found(result)
    page.extra = ""
    return render(
        request,
        "casework/history.html",
        {
            "record": record,
            "page": page,
            "title": title,
            "record_url": back_url,
            "record_label": record_label,
            "notes_url": notes_url,
        },
    )


@never_cache
@login_required
@help_key("history")
def contact_history(request, public_id):
    result = selectors_history.contact_history(
        user=request.user, public_id=public_id, page=request.GET.get("page")
    )
    contact = result[0] if result else None
    return _render(
        request,
        result,
        title=f"{contact.display_name} ({contact.client_id})" if contact else "",
        back_url=reverse("contact_detail", args=[public_id]),
        record_label="Contact",
        notes_url=reverse("contact_notes", args=[public_id]),
    )


@never_cache
@login_required
@help_key("history")
def household_history(request, public_id):
    result = selectors_history.household_history(
        user=request.user, public_id=public_id, page=request.GET.get("page")
    )
    return _render(
        request,
        result,
        title=result[0].name if result else "",
        back_url=reverse("household_detail", args=[public_id]),
        record_label="Household",
    )


@never_cache
@login_required
@help_key("history")
def engagement_history(request, public_id):
    result = selectors_history.engagement_history(
        user=request.user, public_id=public_id, page=request.GET.get("page")
    )
    engagement = result[0] if result else None
    return _render(
        request,
        result,
        title=f"{engagement.programme.name} – {engagement.contact.display_name}"
        if engagement
        else "",
        back_url=reverse("engagement_detail", args=[public_id]),
        record_label="Engagement",
        notes_url=reverse("engagement_notes", args=[public_id]),
    )

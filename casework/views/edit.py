"""Changing what was recorded: a contact's details, an engagement, a delivery, a group
session, a consultation; removing a delivery, consultation or household member entered
in error. Thin: parse with a form, call one service, render. Who may, and when a
reason is needed, is casework.policy's."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from casework import policy, selectors, selectors_work
from casework.forms import ServiceLookupForm
from casework.forms_edit import (
    ConsultationEditForm,
    ContactEditForm,
    DeliveryEditForm,
    EngagementEditForm,
    GroupSessionForm,
    RemoveForm,
)
from casework.models import ContactKind
from casework.services import consultations as consultation_services
from casework.services import deliveries as delivery_services
from casework.services.contacts import CONTACT_DETAILS, contact_update, household_member_remove
from casework.services.engagements import ENGAGEMENT_DETAILS, engagement_update
from casework.views_common import found
from tenants.accounts.views_common import form_done, help_key


def _initial(record, fields) -> dict:
    initial = {}
    for name in fields:
        value = getattr(record, name, None)
        if hasattr(value, "year"):
            value = f"{value.day}/{value.month}/{value.year}"
        elif hasattr(value, "public_id"):
            value = str(value.public_id)
        initial[name] = value
    return initial


def _may_edit(request, engagement) -> None:
    """Someone who may see the engagement but not change it is told why (403)."""
    policy.check_edit_engagement(request.user, engagement)


@never_cache
@login_required
@help_key("contact")
def contact_edit(request, public_id):
    contact = found(selectors.contact_get(user=request.user, public_id=public_id))
    adult = contact.kind == ContactKind.ADULT
    form = ContactEditForm(
        request.POST or None, initial=_initial(contact, CONTACT_DETAILS), adult=adult
    )
    if form_done(
        request,
        form,
        lambda: contact_update(
            actor=request.user,
            contact=contact,
            reason=form.cleaned_data["reason"],
            **form.changes(),
        ),
        done=f"{contact.display_name}'s details have been changed.",
    ):
        return redirect("contact_detail", public_id=contact.public_id)
    return render(
        request, "casework/contact_edit.html", {"contact": contact, "form": form, "adult": adult}
    )


@never_cache
@login_required
@help_key("household")
def household_member_remove_view(request, public_id, contact_id):
    household = found(selectors.household_get(user=request.user, public_id=public_id))
    member = found(selectors.contact_get(user=request.user, public_id=contact_id))
    if member.household_id != household.pk:
        found(None)  # not a member of this household: nothing to remove here
    form = RemoveForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: household_member_remove(
            actor=request.user, contact=member, reason=form.cleaned_data["reason"]
        ),
        done=f"{member.display_name} has been removed from the household.",
    ):
        return redirect("household_detail", public_id=household.public_id)
    return render(
        request,
        "casework/remove.html",
        {
            "form": form,
            "title": f"Remove {member.display_name} from {household.name}",
            "caption": household.name,
            "back_url": reverse("household_detail", args=[household.public_id]),
            "explain": "Only for someone entered in error (the wrong person, or recorded "
            "twice). They stay on the History tab with the reason. Someone who has moved "
            "away is moved to another household instead.",
            "button": "Remove from the household",
        },
    )


@never_cache
@login_required
@help_key("engagement")
def engagement_edit(request, public_id):
    engagement = found(selectors.engagement_get(user=request.user, public_id=public_id))
    _may_edit(request, engagement)
    form = EngagementEditForm(
        request.POST or None,
        initial=_initial(engagement, ENGAGEMENT_DETAILS),
        engagement=engagement,
    )
    if form_done(
        request,
        form,
        lambda: engagement_update(
            actor=request.user,
            engagement=engagement,
            reason=form.cleaned_data["reason"],
            **form.changes(),
        ),
        done="The engagement has been changed.",
    ):
        return redirect("engagement_detail", public_id=engagement.public_id)
    return render(
        request, "casework/engagement_edit.html", {"engagement": engagement, "form": form}
    )


@never_cache
@login_required
@help_key("delivery")
def delivery_edit(request, public_id):
    delivery = found(selectors_work.delivery_get(user=request.user, public_id=public_id))
    engagement = delivery.engagement
    _may_edit(request, engagement)
    lookup = ServiceLookupForm(request.GET or None)
    code = lookup.cleaned_data["code"] if lookup.is_valid() else ""
    form = DeliveryEditForm(
        request.POST or None,
        initial=_initial(delivery, delivery_services.DELIVERY_DETAILS),
        delivery=delivery,
        services=list(selectors.services_matching(code=code, limit=50)),
    )
    if form_done(
        request,
        form,
        lambda: delivery_services.delivery_update(
            actor=request.user,
            delivery=delivery,
            reason=form.cleaned_data["reason"],
            **form.changes(),
        ),
        done="The service delivery has been changed.",
    ):
        return redirect(_back(delivery))
    return render(
        request,
        "casework/delivery_edit.html",
        {
            "delivery": delivery,
            "engagement": engagement,
            "form": form,
            "lookup": lookup,
            "query_string": request.GET.urlencode(),
            "back_url": _back(delivery),
        },
    )


def _back(delivery) -> str:
    if delivery.group_session_id:
        return reverse("group_session_detail", args=[delivery.group_session.public_id])
    return reverse("engagement_detail", args=[delivery.engagement.public_id])


@never_cache
@login_required
@help_key("delivery")
def delivery_remove(request, public_id):
    delivery = found(selectors_work.delivery_get(user=request.user, public_id=public_id))
    _may_edit(request, delivery.engagement)
    form = RemoveForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: delivery_services.delivery_remove(
            actor=request.user, delivery=delivery, reason=form.cleaned_data["reason"]
        ),
        done="The service delivery has been removed.",
    ):
        return redirect(_back(delivery))
    return render(
        request,
        "casework/remove.html",
        {
            "form": form,
            "title": "Remove this service delivery",
            "caption": f"{delivery.engagement.contact.display_name} · {delivery.service.name} "
            f"on {delivery.date:%d/%m/%Y}",
            "back_url": _back(delivery),
            "explain": "Only for a session entered in error (the wrong child, day or "
            "service). It is left out of the engagement, the home page, reports and "
            "exports, and stays on the History tab with the reason.",
            "button": "Remove the delivery",
        },
    )


@never_cache
@login_required
@help_key("deliveries-bulk")
def group_session_detail(request, public_id):
    """A group session's rows (those the user may see), each to change or remove, and
    its attendees not recorded by name."""
    session, rows, hidden = found(
        selectors_work.group_session_get(user=request.user, public_id=public_id)
    )
    lookup = ServiceLookupForm(request.GET or None)
    code = lookup.cleaned_data["code"] if lookup.is_valid() else ""
    form = GroupSessionForm(
        request.POST or None,
        initial=_initial(session, delivery_services.GROUP_SESSION_DETAILS),
        session=session,
        services=list(selectors.services_matching(code=code, limit=50)),
    )
    if form_done(
        request,
        form,
        lambda: delivery_services.group_session_update(
            actor=request.user,
            session=session,
            reason=form.cleaned_data["reason"],
            **form.changes(),
        ),
        done="The group session has been changed.",
    ):
        return redirect("group_session_detail", public_id=session.public_id)
    return render(
        request,
        "casework/group_session.html",
        {
            "session": session,
            "rows": [
                (row, policy.can_edit_engagement(request.user, row.engagement)) for row in rows
            ],
            "hidden": hidden,
            "form": form,
            "lookup": lookup,
            "query_string": request.GET.urlencode(),
            "can_change": policy.can_change_group_session(request.user, session),
            "history": selectors_work.group_session_history(session=session),
        },
    )


@never_cache
@login_required
@help_key("consultation")
def consultation_edit(request, public_id):
    consultation = found(selectors_work.consultation_get(user=request.user, public_id=public_id))
    engagement = consultation.engagement
    _may_edit(request, engagement)
    form = ConsultationEditForm(
        request.POST or None,
        initial=_initial(consultation, consultation_services.CONSULTATION_DETAILS),
    )
    if form_done(
        request,
        form,
        lambda: consultation_services.consultation_update(
            actor=request.user,
            consultation=consultation,
            reason=form.cleaned_data["reason"],
            **form.changes(),
        ),
        done="The consultation has been changed.",
    ):
        return redirect("engagement_detail", public_id=engagement.public_id)
    return render(
        request,
        "casework/consultation_edit.html",
        {
            "consultation": consultation,
            "engagement": engagement,
            "form": form,
            "people": selectors.consultation_people(consultation=consultation),
        },
    )


@never_cache
@login_required
@help_key("consultation")
def consultation_remove(request, public_id):
    consultation = found(selectors_work.consultation_get(user=request.user, public_id=public_id))
    engagement = consultation.engagement
    _may_edit(request, engagement)
    form = RemoveForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: consultation_services.consultation_remove(
            actor=request.user, consultation=consultation, reason=form.cleaned_data["reason"]
        ),
        done="The consultation has been removed.",
    ):
        return redirect("engagement_detail", public_id=engagement.public_id)
    return render(
        request,
        "casework/remove.html",
        {
            "form": form,
            "title": "Remove this consultation",
            "caption": f"{engagement.contact.display_name} · "
            f"{consultation.get_method_display()} on {consultation.date:%d/%m/%Y}",
            "back_url": reverse("engagement_detail", args=[engagement.public_id]),
            "explain": "Only for a consultation entered in error. It is left out of the "
            "engagement and the records of those it was held with, and stays on the "
            "History tab with the reason.",
            "button": "Remove the consultation",
        },
    )

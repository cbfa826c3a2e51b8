"""Incidents screens: the Incidents tab of a contact, raising one, reading one (with
“Raise a safeguarding case” offered for a high-severity one), correcting with a reason,
its History, and the managers' list of types. Thin: parse with a form, call one service
or selector, render. What the user may not see is 404."""

from datetime import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from casework import selectors as casework_selectors
from casework.incidents import policy, selectors, services
from casework.incidents.forms import CorrectionForm, IncidentForm, TypeForm
from casework.views_common import HAPPENED_AT, found
from tenants.accounts.views_common import form_done, help_key


def _contact(request, public_id):
    return found(casework_selectors.contact_get(user=request.user, public_id=public_id))


def _others(contact) -> list:
    return [
        member
        for member in casework_selectors.household_members(household=contact.household)
        if member.pk != contact.pk
    ]


def _when(data) -> datetime:
    return timezone.make_aware(datetime.combine(data["happened_on"], data["happened_time"]))


def _details(request, data, kinds) -> dict:
    kind = next((k for k in kinds if str(k.pk) == data["kind"]), None)
    return {
        "happened_at": _when(data),
        "kind": kind,
        "severity": data["severity"],
        "location": data["location"],
        "description": data["description"],
        "people": selectors.contacts_by_ids(user=request.user, public_ids=data.get("people", [])),
        "people_named": data["people_named"],
        "immediate_action": data["immediate_action"],
        "follow_up_needed": data["follow_up_needed"],
    }


@never_cache
@login_required
@help_key("incidents")
def incidents_tab(request, public_id):
    contact = _contact(request, public_id)
    return render(
        request,
        "incidents/incidents_tab.html",
        {
            "contact": contact,
            "incidents": list(selectors.incidents_on(user=request.user, contact=contact)),
            "can_raise": policy.can_raise_incident(request.user),
        },
    )


@never_cache
@login_required
@help_key("incidents")
def incident_new(request, public_id):
    contact = _contact(request, public_id)
    if not policy.can_raise_incident(request.user):
        raise PermissionDenied
    kinds = list(selectors.incident_types(user=request.user))
    form = IncidentForm(
        request.POST or None,
        kinds=kinds,
        people=_others(contact),
        initial={"happened_time": f"{timezone.localtime():%H:%M}"},
    )
    if answer := form_done(
        request,
        form,
        lambda: services.incident_raise(
            actor=request.user, contact=contact, **_details(request, form.cleaned_data, kinds)
        ),
        done=lambda incident: (
            "The incident has been recorded."
            + " Your line manager and the safeguarding leads have been told." * incident.is_high
        ),
        renamed=HAPPENED_AT,
        then=lambda incident: redirect("incident_detail", public_id=incident.public_id),
    ):
        return answer
    return render(
        request,
        "incidents/incident_form.html",
        {"contact": contact, "form": form, "title": "Record an incident", "button": "Record it"},
    )


def _safeguarding_links(request, incident) -> list[dict]:
    """For a high-severity incident: “Raise a safeguarding case” in each open engagement
    of the person that the user may see, its description filled in from the incident."""
    if not incident.is_high:
        return []
    local = timezone.localtime(incident.happened_at)
    description = (
        f"{incident.kind.name} incident on {local:%d/%m/%Y at %H:%M}"
        f"{' at ' + incident.location if incident.location else ''}: {incident.description}"
    )[:2000]
    query = urlencode({"description": description, "threshold": "high"})
    return [
        {
            "engagement": engagement,
            "url": reverse("safeguarding_case_new", args=[engagement.public_id]) + "?" + query,
        }
        for engagement in casework_selectors.engagements_of(
            user=request.user, contact=incident.contact
        )
        if engagement.is_open
    ]


@never_cache
@login_required
@help_key("incidents")
def incident_detail(request, public_id):
    incident = found(selectors.incident_get(user=request.user, public_id=public_id))
    return render(
        request,
        "incidents/incident_detail.html",
        {
            "incident": incident,
            "can_correct": policy.can_correct_incident(request.user, incident),
            "safeguarding_links": _safeguarding_links(request, incident),
        },
    )


@never_cache
@login_required
@help_key("incidents")
def incident_correct(request, public_id):
    incident = found(selectors.incident_get(user=request.user, public_id=public_id))
    if not policy.can_correct_incident(request.user, incident):
        raise PermissionDenied
    kinds = list(selectors.incident_types(user=request.user))
    if incident.kind not in kinds:
        kinds.append(incident.kind)  # a retired type still describes its incidents
    local = timezone.localtime(incident.happened_at)
    form = CorrectionForm(
        request.POST or None,
        kinds=kinds,
        people=_others(incident.contact),
        initial={
            "happened_on": f"{local.day}/{local.month}/{local.year}",
            "happened_time": f"{local:%H:%M}",
            "kind": str(incident.kind_id),
            "severity": incident.severity,
            "location": incident.location,
            "description": incident.description,
            "people": [str(p.public_id) for p in incident.people.all()],
            "people_named": incident.people_named,
            "immediate_action": incident.immediate_action,
            "follow_up_needed": incident.follow_up_needed,
        },
    )

    def work():
        services.incident_correct(
            actor=request.user,
            incident=incident,
            reason=form.cleaned_data["reason"],
            **_details(request, form.cleaned_data, kinds),
        )

    if form_done(
        request,
        form,
        work,
        done="The incident has been corrected; History keeps the version before.",
        renamed=HAPPENED_AT,
    ):
        return redirect("incident_detail", public_id=incident.public_id)
    return render(
        request,
        "incidents/incident_form.html",
        {
            "contact": incident.contact,
            "incident": incident,
            "form": form,
            "title": "Correct an incident",
            "button": "Save the correction",
        },
    )


@never_cache
@login_required
@help_key("history")
def incident_history(request, public_id):
    incident, page = found(
        selectors.incident_history(
            user=request.user, public_id=public_id, page=request.GET.get("page")
        )
    )
    page.extra = ""
    return render(request, "incidents/incident_history.html", {"incident": incident, "page": page})


@never_cache
@login_required
@help_key("incidents")
def incident_types(request):
    if not policy.can_manage_types(request.user):
        raise PermissionDenied
    changing = request.POST.get("retire") or request.POST.get("restore")
    form = TypeForm(request.POST if request.method == "POST" and not changing else None)
    if changing:
        types = selectors.incident_types(user=request.user, in_use_only=False)
        chosen = next((t for t in types if str(t.pk) == changing), None)
        if chosen is not None:
            services.incident_type_set_in_use(
                actor=request.user, incident_type=chosen, in_use="restore" in request.POST
            )
            messages.success(request, f"“{chosen.name}” has been updated.")
        return redirect("incident_types")
    if form_done(
        request,
        form,
        lambda: services.incident_type_add(actor=request.user, name=form.cleaned_data["name"]),
        done="The type has been added.",
    ):
        return redirect("incident_types")
    return render(
        request,
        "incidents/incident_types.html",
        {
            "form": form,
            "types": selectors.incident_types(user=request.user, in_use_only=False),
        },
    )

"""Who a consultation was held with, put right after it was recorded: add a contact who
was left out (found with the one search, as you type or with the Find button), remove
one recorded in error with a reason. Thin: parse with a form, call one service."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from casework import policy, selectors, selectors_work
from casework.forms_edit import ConsultationPersonForm, RemoveForm
from casework.services import consultations as services
from casework.views_common import found
from tenants.accounts.views_common import form_done, help_key


def _consultation(request, public_id):
    consultation = found(selectors_work.consultation_get(user=request.user, public_id=public_id))
    # Someone who may see the engagement but not change it is told why (403).
    policy.check_edit_engagement(request.user, consultation.engagement)
    return consultation


@never_cache
@login_required
@help_key("consultation")
def consultation_people(request, public_id):
    consultation = _consultation(request, public_id)
    engagement = consultation.engagement
    people = selectors.consultation_people(consultation=consultation)
    posted = request.POST if request.method == "POST" else {}
    offered = selectors.consultation_people_offered(
        user=request.user,
        engagement=engagement,
        query=(posted.get("who") or "")[:200],
        keep=[posted.get("contact", "")],
        leave_out=people,
    )
    searching = "find" in posted
    form = ConsultationPersonForm(
        None if searching else (posted or None),
        initial={"who": posted.get("who", ""), "reason": posted.get("reason", "")},
        people=offered,
    )

    def work():
        contact = next(
            (p for p in offered if str(p.public_id) == form.cleaned_data["contact"]), None
        )
        services.consultation_participant_add(
            actor=request.user,
            consultation=consultation,
            contact=contact,
            reason=form.cleaned_data["reason"],
        )
        return contact

    if form_done(
        request,
        form,
        work,
        done=lambda contact: f"{contact.display_name} has been added to those it was held with.",
    ):
        return redirect("consultation_people", public_id=consultation.public_id)
    return render(
        request,
        "casework/consultation_people.html",
        {
            "consultation": consultation,
            "engagement": engagement,
            "people": people,
            "form": form,
            "status": _found_words(offered, engagement) if searching else "",
        },
    )


def _found_words(offered, engagement) -> str:
    """What the Find button found (the child's household is always offered)."""
    if any(p.household_id != engagement.contact.household_id for p in offered):
        return "Choose them under “Who”."
    return "Nobody else found: try another detail."


@never_cache
@login_required
@help_key("consultation")
def consultation_person_remove(request, public_id, contact_id):
    consultation = _consultation(request, public_id)
    person = next(
        (
            p
            for p in selectors.consultation_people(consultation=consultation)
            if str(p.public_id) == str(contact_id)
        ),
        None,
    )
    person = found(person)
    back_url = reverse("consultation_people", args=[consultation.public_id])
    form = RemoveForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: services.consultation_participant_remove(
            actor=request.user,
            consultation=consultation,
            contact=person,
            reason=form.cleaned_data["reason"],
        ),
        done=f"{person.display_name} has been removed from those it was held with.",
    ):
        return redirect(back_url)
    return render(
        request,
        "casework/remove.html",
        {
            "form": form,
            "title": f"Remove {person.display_name} from this consultation",
            "caption": f"{consultation.engagement.contact.display_name} · "
            f"{consultation.get_method_display()} on {consultation.date:%d/%m/%Y}",
            "back_url": back_url,
            "explain": "Only for someone recorded in error as one it was held with. The "
            "consultation leaves their record, and they stay on the History tab with the "
            "reason.",
            "button": "Remove from the consultation",
        },
    )

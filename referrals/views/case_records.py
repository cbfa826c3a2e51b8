"""What is recorded in a support case: notes, signposts (a category or an external
service), support and feedback, local referrals, the lawful basis and marking it ready
for review. Each form calls one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from referrals import policy, selectors
from referrals.forms import calls as forms
from referrals.services import cases as services
from referrals.services import review as review_services
from referrals.signposting.services import service_signpost_add
from referrals.types import REFERRAL_TYPES
from referrals.views.cases import case_found, case_shown, change_page, services_near
from referrals.views.common import found, yes
from tenants.accounts.views_common import action_done, form_done, help_key, require


def _case_post(request, public_id, form_class, template, call, success):
    """A form on a case that calls one service: shown alone when it has errors."""
    case, refused = case_shown(request, public_id)
    if refused:
        return refused
    form = form_class(request.POST if request.method == "POST" else None)
    if form_done(request, form, lambda: call(case, form.cleaned_data), done=success):
        return redirect("support_case", public_id=case.public_id)
    return render(request, template, {"case": case, "form": form})


@never_cache
@login_required
@help_key("support-line-case")
def case_note_add(request, public_id):
    return _case_post(
        request,
        public_id,
        forms.NoteForm,
        "referrals/case_form.html",
        lambda case, d: services.case_note_add(actor=request.user, case=case, text=d["text"]),
        "The note has been added.",
    )


@never_cache
@login_required
@help_key("support-line-case")
def case_signpost_add(request, public_id):
    return _case_post(
        request,
        public_id,
        forms.SignpostForm,
        "referrals/case_form.html",
        lambda case, d: services.signpost_add(
            actor=request.user, case=case, category=d["category"]
        ),
        "The signpost has been added.",
    )


@never_cache
@login_required
@help_key("support-line-case")
def case_service_signpost_add(request, public_id):
    """Signpost to an external service: the caller is given its phone, email or website."""
    case, refused = case_shown(request, public_id)
    if refused:
        return refused
    form = forms.ServiceSignpostForm(
        request.POST if request.method == "POST" else None, services=services_near(case)
    )
    if form_done(
        request,
        form,
        lambda: service_signpost_add(
            actor=request.user, case=case, service_public_id=form.cleaned_data["service"]
        ),
        done=lambda signpost: (
            f"Signposted to {signpost.service_name}: "
            f"{signpost.how_to_reach or 'see the directory'}."
        ),
    ):
        return redirect("support_case", public_id=case.public_id)
    return render(request, "referrals/case_form.html", {"case": case, "form": form})


@never_cache
@login_required
@help_key("support-line-case")
def case_support(request, public_id):
    case, refused = case_shown(request, public_id)
    if refused:
        return refused  # the form's values are the case's details
    initial = {
        "psychosocial_support": "yes" if case.psychosocial_support else "no",
        "safeguarding_activated": "yes" if case.safeguarding_activated else "no",
        "safeguarding_reason": case.safeguarding_reason,
        "feedback_consent": "yes" if case.feedback_consent else "no",
    }
    form = forms.SupportForm(request.POST if request.method == "POST" else None, initial=initial)

    def work():
        d = form.cleaned_data
        services.case_support_update(
            actor=request.user,
            case=case,
            psychosocial_support=yes(d["psychosocial_support"]),
            safeguarding_activated=yes(d["safeguarding_activated"]),
            safeguarding_reason=d["safeguarding_reason"],
            feedback_consent=yes(d["feedback_consent"]),
            reason=d["reason"],
        )

    if form_done(request, form, work, done="Support and feedback have been saved."):
        return redirect("support_case", public_id=case.public_id)
    return render(
        request, "referrals/case_form.html", {"case": case, "form": form, "title": "Support"}
    )


@never_cache
@login_required
@help_key("support-line-local-referral")
def local_referral_new(request, public_id):
    """Step one: the response type (GET); step two: its own fields."""
    case, refused = case_shown(request, public_id)
    if refused:
        return refused
    type_form = forms.LocalReferralTypeForm(request.GET or None)
    details = None
    if type_form.is_valid():
        response_type = type_form.cleaned_data["response_type"]
        details = forms.local_referral_details_form(
            response_type, request.POST if request.method == "POST" else None
        )
        if form_done(
            request,
            details,
            lambda: services.local_referral_add(
                actor=request.user,
                case=case,
                response_type=response_type,
                details=details.cleaned_data,
            ),
            done="The local referral has been added.",
        ):
            return redirect("support_case", public_id=case.public_id)
    return render(
        request,
        "referrals/local_referral_new.html",
        {"case": case, "type_form": type_form, "details": details},
    )


@never_cache
@login_required
@help_key("support-line-local-referral")
def local_referral_change(request, public_id):
    """Correct a local referral's own fields while it is not yet sent."""
    local = found(selectors.local_referral_get(user=request.user, public_id=public_id))
    case, refused = case_shown(request, local.case.public_id)
    if refused:
        return refused
    refusal = policy.local_referral_change_refusal(local)
    if refusal:
        messages.error(request, refusal["details"])
        return redirect("support_case", public_id=case.public_id)
    details = forms.local_referral_details_form(
        local.response_type,
        request.POST if request.method == "POST" else None,
        initial=local.details,
    )
    details.fields["reason"] = forms.reason_field()

    def work():
        data = dict(details.cleaned_data)
        reason = data.pop("reason")
        services.local_referral_update(
            actor=request.user, local_referral=local, details=data, reason=reason
        )

    if form_done(request, details, work, done="The local referral has been saved."):
        return redirect("support_case", public_id=case.public_id)
    label = REFERRAL_TYPES[local.response_type].label
    return change_page(
        request, details, case, f"Change the {label.lower()} referral", "Until it is sent."
    )


@never_cache
@login_required
@help_key("support-line-lawful-basis")
def case_lawful_basis(request, public_id):
    case_found(request, public_id)  # another partner's or unknown: 404 before 403
    require(policy.can_set_lawful_basis(request.user), "Only a supervisor or DSL can do this.")
    return _case_post(
        request,
        public_id,
        forms.LawfulBasisForm,
        "referrals/case_form.html",
        lambda case, d: review_services.case_set_lawful_basis(
            actor=request.user, case=case, reason=d["reason"]
        ),
        "The lawful basis has been recorded.",
    )


@require_POST
@login_required
@help_key("support-line-case")
def case_ready(request, public_id):
    case, refused = case_shown(request, public_id)
    if refused:
        return refused
    action_done(
        request,
        lambda: review_services.case_mark_ready(actor=request.user, case=case),
        done="The case is in the data team's queue for review.",
    )
    return redirect("support_case", public_id=case.public_id)

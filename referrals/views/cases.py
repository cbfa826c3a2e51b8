"""A support case: opening one for a caller, its page (once the caller's identity is
confirmed), correcting it, its history and who looked. The helpers every page under a
case shares (`case_found`, `case_shown`, `verify_first`, `change_page`) live here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from casework.access import policy as access_policy
from casework.access.models import RecordType
from casework.access.services import read_log
from casework.access.views import record_reads_page
from referrals import policy, selectors
from referrals.forms import calls as forms
from referrals.selectors_directory import external_services_for_area
from referrals.services import cases as services
from referrals.services.exchange.sending import area_of
from referrals.signposting.selectors import case_service_signposts
from referrals.types import REFERRAL_TYPES
from referrals.views.callers import caller_values
from referrals.views.common import found
from tenants.accounts.views_common import add_service_errors, form_done, help_key


@never_cache
@login_required
@help_key("support-line-new-case")
def case_new(request, public_id):
    caller = found(selectors.caller_get(user=request.user, public_id=public_id))
    posted = request.POST if request.method == "POST" else None
    people = _beneficiaries_offered(request, caller)
    if posted is not None and "find" in posted:
        # The search step (without JavaScript): show who was found, keep what was typed.
        entered = {k.removeprefix("case-"): v for k, v in posted.items() if k.startswith("case-")}
        entered["who"] = "existing"
        form = forms.CaseCreateForm(initial=entered, prefix="case", people=people)
        posted = None
    else:
        form = forms.CaseCreateForm(posted, prefix="case", people=people)
    # The new beneficiary's form only counts (and shows errors) when they chose "someone new".
    someone_new = posted is not None and posted.get("case-who") == "new"
    new = forms.CallerForm(posted if someone_new else None, prefix="new")
    if posted is not None and form.is_valid():
        data = form.cleaned_data
        beneficiary, new_beneficiary, ok = None, None, True
        if data["who"] == "existing":
            beneficiary = selectors.caller_get(user=request.user, public_id=data["beneficiary"])
            if beneficiary is None:
                form.add_error(
                    "beneficiary", "Find the person who requires support, then choose them."
                )
                ok = False
        elif data["who"] == "new":
            if new.is_valid():
                new_beneficiary = caller_values(new.cleaned_data)
            else:
                ok = False
        if ok:
            try:
                case = services.case_create(
                    actor=request.user,
                    caller=caller,
                    title=data["title"],
                    identity_confirmed=data["identity_confirmed"],
                    beneficiary=beneficiary,
                    new_beneficiary=new_beneficiary,
                    beneficiary_consent_to_discuss=data["beneficiary_consent_to_discuss"],
                )
            except ValidationError as exc:
                if data["who"] == "new" and set(exc.message_dict) & set(new.fields):
                    add_service_errors(new, exc)
                else:
                    add_service_errors(form, exc)
            else:
                messages.success(request, f"Case “{case.title}” opened.")
                return redirect("support_case", public_id=case.public_id)
    return render(
        request,
        "referrals/case_new.html",
        {
            "searched": bool(request.POST.get("case-beneficiary_search", "").strip()),
            "caller": caller,
            "form": form,
            "new": new,
            "show_new": someone_new,
            "needs_confirmation": not caller_is_new_to(request.user, caller),
        },
    )


def _beneficiaries_offered(request, caller) -> list:
    """(person, label) for the beneficiary picker: who the search step found (posted, so
    what was typed stays out of the URL), and whoever was chosen before, so it is kept."""
    from casework.views.search import person_label

    query = request.POST.get("case-beneficiary_search", "").strip()[:200]
    found = selectors.callers_matching(user=request.user, query=query) if query else []
    people = [p for p, _ in found if p.pk != caller.pk]
    chosen = selectors.caller_get(user=request.user, public_id=request.POST.get("case-beneficiary"))
    if chosen is not None and chosen not in people:
        people.insert(0, chosen)
    reasons = {p.pk: r for p, r in found}
    return [
        (p, person_label(p) + (f" – matched {', '.join(reasons[p.pk])}" if p.pk in reasons else ""))
        for p in people
    ]


def caller_is_new_to(user, caller) -> bool:

    return caller.created_by_id == user.pk and caller.created_at >= (
        timezone.now() - services.VERIFY_WINDOW
    )


def case_found(request, public_id):
    return found(selectors.case_get(user=request.user, public_id=public_id))


def _details_shown(request, case) -> bool:
    return policy.case_details_shown(user=request.user, case=case)


def verify_first(request, case):
    """In place of any page under a case whose details may not show yet: the case page's
    verification prompt, saying why."""
    messages.error(request, "Confirm the caller's identity against the record first.")
    return render(
        request,
        "referrals/case_detail.html",
        {"case": case, "verified": False, "verify_form": forms.VerifyForm()},
    )


def case_shown(request, public_id):
    """The case, when its details may be shown; otherwise the verification prompt."""
    case = case_found(request, public_id)
    if not _details_shown(request, case):
        return case, verify_first(request, case)
    return case, None


def change_page(request, form, case, title, intro=""):
    return render(
        request,
        "includes/change_form.html",
        {
            "form": form,
            "title": title,
            "caption": case.title,
            "intro": intro,
            "back_url": reverse("support_case", args=[case.public_id]),
            "back_label": "Back to the case",
        },
    )


@never_cache
@login_required
@help_key("support-line-case")
def case_detail(request, public_id):
    case = case_found(request, public_id)
    if not policy.can_handle_calls(request.user):
        return redirect("review_case", public_id=case.public_id)
    verified = _details_shown(request, case)
    context = {"case": case, "verified": verified}
    if verified:
        read_log(
            actor=request.user, record_type=RecordType.SUPPORT_CASE, public_ids=[case.public_id]
        )
        context |= {
            "notes": _with_correct_links(request.user, selectors.case_notes(case=case)),
            "signposts": selectors.case_signposts(case=case),
            "local_referrals": selectors.case_local_referrals(case=case),
            "events": selectors.case_events_recent(case=case),
            "note_form": forms.NoteForm(),
            "signpost_form": forms.SignpostForm(),
            "service_signposts": case_service_signposts(case=case),
            "service_signpost_form": forms.ServiceSignpostForm(services=services_near(case)),
            "types": REFERRAL_TYPES,
            "can_set_lawful_basis": policy.can_set_lawful_basis(request.user),
            "can_see_who_looked": access_policy.can_see_who_looked(request.user),
        }
    else:
        context["verify_form"] = forms.VerifyForm()
    return render(request, "referrals/case_detail.html", context)


def _with_correct_links(user, notes) -> list:
    notes = list(notes)
    for note in notes:
        if policy.can_correct_case_note(user, note):
            note.correct_url = reverse("case_note_correct", args=[note.public_id])
    return notes


def services_near(case):
    district, region = area_of(case.beneficiary)
    return external_services_for_area(district=district, region=region)


@require_POST
@login_required
@help_key("support-line-case")
def case_verify(request, public_id):
    case = case_found(request, public_id)
    form = forms.VerifyForm(request.POST)
    if form.is_valid():
        services.case_verify(actor=request.user, case=case)
        messages.success(request, "Identity confirmed: the case is open for this call.")
        return redirect("support_case", public_id=case.public_id)
    return render(
        request,
        "referrals/case_detail.html",
        {"case": case, "verified": False, "verify_form": form},
        status=400,
    )


@never_cache
@login_required
@help_key("support-line-case")
def case_change(request, public_id):
    """Correct the case's title and the beneficiary's consent to discuss (a "Change" link)."""
    case, refused = case_shown(request, public_id)
    if refused:
        return refused
    initial = {
        "title": case.title,
        "beneficiary_consent_to_discuss": case.beneficiary_consent_to_discuss,
    }
    form = forms.CaseChangeForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        someone_else=not case.beneficiary_is_caller,
    )

    def work():
        data = form.cleaned_data
        return services.support_case_update(actor=request.user, case=case, **data)

    if form_done(request, form, work, done="The case has been saved."):
        return redirect("support_case", public_id=case.public_id)
    return change_page(request, form, case, "Change the case")


@never_cache
@login_required
@help_key("history")
def case_history(request, public_id):
    case, refused = case_shown(request, public_id)
    if refused:
        return refused
    _, page = selectors.case_history(
        user=request.user, public_id=public_id, page=request.GET.get("page")
    )
    page.extra = ""
    return render(
        request,
        "casework/history.html",
        {
            "record": case,
            "page": page,
            "title": case.title,
            "record_url": reverse("support_case", args=[case.public_id]),
            "record_label": "Case",
        },
    )


@never_cache
@login_required
@help_key("who-looked")
def case_who_looked(request, public_id):
    if not access_policy.can_see_who_looked(request.user):
        raise PermissionDenied  # a right the role lacks, as on every screen (not "not found")
    case = found(selectors.case_for_who_looked(user=request.user, public_id=public_id))
    return record_reads_page(
        request,
        record_type=RecordType.SUPPORT_CASE,
        record=case,
        title=f"{case.title} ({case.caller.client_id})",
        back_url=_case_or_held(request.user, case),
    )


def _case_or_held(user, case) -> str:
    """Back to the case for those who work on cases; the data protection officer, who
    cannot open it, back to what is held about the caller."""
    if policy.can_handle_calls(user) or policy.can_review_cases(user):
        return reverse("support_case", args=[case.public_id])
    return reverse("contact_held", args=[case.caller.public_id])

"""The support line's screens: callers, new callers with consent, cases and everything
recorded in them. Thin: parse, call one service or selector, render."""

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
from referrals import forms, policy, selectors, selectors_queues
from referrals.selectors_directory import external_services_for_area
from referrals.services import callers as caller_services
from referrals.services import cases as services
from referrals.services.exchange.sending import area_of
from referrals.signposting.selectors import case_service_signposts
from referrals.signposting.services import service_signpost_add
from referrals.types import REFERRAL_TYPES
from referrals.views_common import found, page_of, require, yes
from tenants.accounts.private_search import private_search
from tenants.accounts.views_common import add_service_errors, help_key

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CALLER_FIELDS = (
    "consent",
    "consent_decided_on",
    "first_name",
    "last_name",
    "phone",
    "email",
    "postcode",
    "postcode_district",
    "alerts",
)


@private_search("q")
@never_cache
@login_required
@help_key("support-line-callers")
def caller_list(request):
    require(policy.can_handle_calls(request.user))
    search = forms.CallerSearchForm(request.private_search.data)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    letter = request.GET.get("letter", "")[:1].upper()
    spoken_today = request.GET.get("spoken") == "today"
    if spoken_today:
        callers = selectors_queues.callers_spoken_to(user=request.user, day=timezone.localdate())
    else:
        callers = selectors.callers_visible_to(user=request.user, letter=letter, query=query)
    return render(
        request,
        "referrals/caller_list.html",
        {
            "search": search,
            "query": query,
            "letter": letter if letter in LETTERS else "",
            "letters": LETTERS,
            "spoken_today": spoken_today,
            "page": page_of(request, callers),
        },
    )


def _caller_values(data) -> dict:
    return {name: data[name] for name in CALLER_FIELDS}


@never_cache
@login_required
@help_key("support-line-new-caller")
def caller_new(request):
    require(policy.can_handle_calls(request.user))
    form = forms.CallerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = caller_services.caller_create(
                actor=request.user, **_caller_values(form.cleaned_data)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, f"{contact.display_name} has been added ({contact.client_id})."
            )
            return redirect("caller_detail", public_id=contact.public_id)
    return render(request, "referrals/caller_new.html", {"form": form})


@never_cache
@login_required
@help_key("support-line-caller")
def caller_detail(request, public_id):
    contact = found(selectors.caller_get(user=request.user, public_id=public_id))
    return render(
        request,
        "referrals/caller_detail.html",
        {
            "contact": contact,
            "cases": selectors.caller_cases(user=request.user, contact=contact),
            "cases_for": selectors.beneficiary_cases(user=request.user, contact=contact),
        },
    )


@never_cache
@login_required
@help_key("support-line-consent")
def caller_consent_withdraw(request, public_id):
    contact = found(selectors.caller_get(user=request.user, public_id=public_id))
    form = forms.VerifyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        caller_services.contact_consent_withdraw(actor=request.user, contact=contact)
        messages.success(
            request,
            "Consent withdrawn: their details are erased, open referrals withdrawn and every "
            "partner's copy redacted.",
        )
        return redirect("caller_detail", public_id=contact.public_id)
    return render(
        request, "referrals/caller_consent_withdraw.html", {"contact": contact, "form": form}
    )


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
                new_beneficiary = _caller_values(new.cleaned_data)
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
    from casework.views_search import person_label

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
    from django.utils import timezone

    return caller.created_by_id == user.pk and caller.created_at >= (
        timezone.now() - services.VERIFY_WINDOW
    )


def _case_or_404(request, public_id):
    return found(selectors.case_get(user=request.user, public_id=public_id))


def _details_shown(request, case) -> bool:
    return policy.case_details_shown(user=request.user, case=case)


def _verify_first(request, case):
    """In place of any page under a case whose details may not show yet: the case page's
    verification prompt, saying why."""
    messages.error(request, "Confirm the caller's identity against the record first.")
    return render(
        request,
        "referrals/case_detail.html",
        {"case": case, "verified": False, "verify_form": forms.VerifyForm()},
    )


@never_cache
@login_required
@help_key("support-line-case")
def case_detail(request, public_id):
    case = _case_or_404(request, public_id)
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
            "service_signpost_form": forms.ServiceSignpostForm(services=_services_near(case)),
            "types": REFERRAL_TYPES,
            "can_set_lawful_basis": policy.can_set_lawful_basis(request.user),
            "can_see_who_looked": access_policy.can_see_who_looked(request.user),
        }
    else:
        context["verify_form"] = forms.VerifyForm()
    return render(request, "referrals/case_detail.html", context)


def _shown_case(request, public_id):
    """The case, when its details may be shown; otherwise the verification prompt."""
    case = _case_or_404(request, public_id)
    if not _details_shown(request, case):
        return case, _verify_first(request, case)
    return case, None


@never_cache
@login_required
@help_key("history")
def case_history(request, public_id):
    case, refused = _shown_case(request, public_id)
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
@help_key("support-line-case")
def case_change(request, public_id):
    """Correct the case's title and the beneficiary's consent to discuss (a "Change" link)."""
    case, refused = _shown_case(request, public_id)
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
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.support_case_update(actor=request.user, case=case, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The case has been saved.")
            return redirect("support_case", public_id=case.public_id)
    return _change_page(request, form, case, "Change the case")


def _change_page(request, form, case, title, intro=""):
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
@help_key("support-line-local-referral")
def local_referral_change(request, public_id):
    """Correct a local referral's own fields while it is not yet sent."""
    local = found(selectors.local_referral_get(user=request.user, public_id=public_id))
    case, refused = _shown_case(request, local.case.public_id)
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
    if request.method == "POST" and details.is_valid():
        data = dict(details.cleaned_data)
        reason = data.pop("reason")
        try:
            services.local_referral_update(
                actor=request.user, local_referral=local, details=data, reason=reason
            )
        except ValidationError as exc:
            add_service_errors(details, exc)
        else:
            messages.success(request, "The local referral has been saved.")
            return redirect("support_case", public_id=case.public_id)
    label = REFERRAL_TYPES[local.response_type].label
    return _change_page(
        request, details, case, f"Change the {label.lower()} referral", "Until it is sent."
    )


@never_cache
@login_required
@help_key("support-line-caller")
def caller_change(request, public_id):
    """Correct a caller's (or beneficiary's) details under the consent rules."""
    contact = found(selectors.caller_get(user=request.user, public_id=public_id))
    initial = {name: getattr(contact, name) for name in CALLER_FIELDS if name != "postcode"}
    initial["postcode"] = contact.household.postcode
    form = forms.CallerChangeForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reason = data.pop("reason")
        try:
            caller_services.caller_update(
                actor=request.user, contact=contact, reason=reason, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Their details have been saved.")
            return redirect("caller_detail", public_id=contact.public_id)
    return render(
        request,
        "includes/change_form.html",
        {
            "form": form,
            "title": "Change their details",
            "caption": f"{contact.display_name} ({contact.client_id})",
            "intro": "Someone recorded without consent can be given a name only when their "
            "consent is recorded with it. To record that consent was withdrawn, use "
            "“Withdraw consent” on their record.",
            "back_url": reverse("caller_detail", args=[contact.public_id]),
            "back_label": "Back to the caller",
        },
    )


@require_POST
@login_required
@help_key("support-line-case")
def case_verify(request, public_id):
    case = _case_or_404(request, public_id)
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


def _with_correct_links(user, notes) -> list:
    notes = list(notes)
    for note in notes:
        if policy.can_correct_case_note(user, note):
            note.correct_url = reverse("case_note_correct", args=[note.public_id])
    return notes


def _case_post(request, public_id, form_class, template, call, success):
    """A form on a case that calls one service: shown alone when it has errors."""
    case = _case_or_404(request, public_id)
    if not _details_shown(request, case):
        return _verify_first(request, case)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            call(case, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
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


def _services_near(case):
    district, region = area_of(case.beneficiary)
    return external_services_for_area(district=district, region=region)


@never_cache
@login_required
@help_key("support-line-case")
def case_service_signpost_add(request, public_id):
    """Signpost to an external service: the caller is given its phone, email or website."""
    case = _case_or_404(request, public_id)
    if not _details_shown(request, case):
        return _verify_first(request, case)
    form = forms.ServiceSignpostForm(
        request.POST if request.method == "POST" else None, services=_services_near(case)
    )
    if request.method == "POST" and form.is_valid():
        try:
            signpost = service_signpost_add(
                actor=request.user, case=case, service_public_id=form.cleaned_data["service"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Signposted to {signpost.service_name}: {signpost.how_to_reach or 'see the directory'}.",
            )
            return redirect("support_case", public_id=case.public_id)
    return render(request, "referrals/case_form.html", {"case": case, "form": form})


@never_cache
@login_required
@help_key("support-line-case")
def case_support(request, public_id):
    case = _case_or_404(request, public_id)
    if not _details_shown(request, case):
        return _verify_first(request, case)  # the form's values are the case's details
    initial = {
        "psychosocial_support": "yes" if case.psychosocial_support else "no",
        "safeguarding_activated": "yes" if case.safeguarding_activated else "no",
        "safeguarding_reason": case.safeguarding_reason,
        "feedback_consent": "yes" if case.feedback_consent else "no",
    }
    form = forms.SupportForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.case_support_update(
                actor=request.user,
                case=case,
                psychosocial_support=yes(d["psychosocial_support"]),
                safeguarding_activated=yes(d["safeguarding_activated"]),
                safeguarding_reason=d["safeguarding_reason"],
                feedback_consent=yes(d["feedback_consent"]),
                reason=d["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Support and feedback have been saved.")
            return redirect("support_case", public_id=case.public_id)
    return render(
        request, "referrals/case_form.html", {"case": case, "form": form, "title": "Support"}
    )


@never_cache
@login_required
@help_key("support-line-local-referral")
def local_referral_new(request, public_id):
    """Step one: the response type (GET); step two: its own fields."""
    case = _case_or_404(request, public_id)
    if not _details_shown(request, case):
        return _verify_first(request, case)
    type_form = forms.LocalReferralTypeForm(request.GET or None)
    details = None
    if type_form.is_valid():
        response_type = type_form.cleaned_data["response_type"]
        details = forms.local_referral_details_form(
            response_type, request.POST if request.method == "POST" else None
        )
        if request.method == "POST" and details.is_valid():
            try:
                services.local_referral_add(
                    actor=request.user,
                    case=case,
                    response_type=response_type,
                    details=details.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(details, exc)
            else:
                messages.success(request, "The local referral has been added.")
                return redirect("support_case", public_id=case.public_id)
    return render(
        request,
        "referrals/local_referral_new.html",
        {"case": case, "type_form": type_form, "details": details},
    )


@require_POST
@login_required
@help_key("support-line-case")
def case_ready(request, public_id):
    case = _case_or_404(request, public_id)
    if not _details_shown(request, case):
        return _verify_first(request, case)
    try:
        services.case_mark_ready(actor=request.user, case=case)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The case is in the data team's queue for review.")
    return redirect("support_case", public_id=case.public_id)


@never_cache
@login_required
@help_key("support-line-lawful-basis")
def case_lawful_basis(request, public_id):
    _case_or_404(request, public_id)  # another partner's or unknown: 404 before 403
    require(policy.can_set_lawful_basis(request.user), "Only a supervisor or DSL can do this.")
    return _case_post(
        request,
        public_id,
        forms.LawfulBasisForm,
        "referrals/case_form.html",
        lambda case, d: services.case_set_lawful_basis(
            actor=request.user, case=case, reason=d["reason"]
        ),
        "The lawful basis has been recorded.",
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
        back_url=reverse("support_case", args=[case.public_id]),
    )

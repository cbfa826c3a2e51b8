"""The support line's callers: the list, a new caller with consent, one caller's
record, correcting their details and withdrawing consent. Thin: parse, call one service
or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from referrals import policy, selectors, selectors_queues
from referrals.forms import calls as forms
from referrals.services import callers as caller_services
from referrals.views.common import found, page_of
from tenants.accounts.private_search import private_search
from tenants.accounts.views_common import form_done, help_key, require

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


def caller_values(data) -> dict:
    return {name: data[name] for name in CALLER_FIELDS}


@never_cache
@login_required
@help_key("support-line-new-caller")
def caller_new(request):
    require(policy.can_handle_calls(request.user))
    form = forms.CallerForm(request.POST if request.method == "POST" else None)

    def work():
        return caller_services.caller_create(actor=request.user, **caller_values(form.cleaned_data))

    if answer := form_done(
        request,
        form,
        work,
        done=lambda contact: f"{contact.display_name} has been added ({contact.client_id}).",
        then=lambda contact: redirect("caller_detail", public_id=contact.public_id),
    ):
        return answer
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
@help_key("support-line-caller")
def caller_change(request, public_id):
    """Correct a caller's (or beneficiary's) details under the consent rules."""
    contact = found(selectors.caller_get(user=request.user, public_id=public_id))
    initial = {name: getattr(contact, name) for name in CALLER_FIELDS if name != "postcode"}
    initial["postcode"] = contact.household.postcode
    form = forms.CallerChangeForm(
        request.POST if request.method == "POST" else None, initial=initial
    )

    def work():
        data = form.cleaned_data
        reason = data.pop("reason")
        return caller_services.caller_update(
            actor=request.user, contact=contact, reason=reason, **data
        )

    if form_done(request, form, work, done="Their details have been saved."):
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

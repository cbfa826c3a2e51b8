"""Retention screens for the data protection officer: the rules and what is due, a
rule's edit, a batch (confirm it, then its progress), releasing a hold and erasure on
request. Thin: a form, one service or selector, render; others get 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from privacy.retention import policy, selectors, services
from privacy.retention.forms import (
    ErasureForm,
    FindForm,
    HoldForm,
    PlaceHoldForm,
    ReleaseForm,
    RuleForm,
)
from tenants.accounts.private_search import private_search
from tenants.accounts.views_common import form_done, help_key


def _found(record):
    if record is None:
        raise Http404
    return record


def _officer(request) -> None:
    if not policy.can_keep_retention(request.user):
        raise Http404


@never_cache
@login_required
@help_key("retention")
def retention(request):
    _officer(request)
    posted = request.POST.get("form")
    hold_form = HoldForm(request.POST if posted == "hold" else None, prefix="hold")
    find_form = FindForm(request.POST if posted == "find" else None, prefix="find")
    if posted == "prepare":
        batch = services.batch_prepare(actor=request.user)
        messages.success(request, "The list of what is due has been worked out.")
        return redirect("disposal_batch", public_id=batch.public_id)
    if posted == "hold" and hold_form.is_valid():
        person = selectors.contact_by_client_id(
            user=request.user, client_id=hold_form.cleaned_data["client_id"]
        )
        if person is None:
            hold_form.add_error("client_id", "No person has this client ID.")
        elif form_done(
            request,
            hold_form,
            lambda: services.hold_place(
                actor=request.user, subject=person, reason=hold_form.cleaned_data["reason"]
            ),
            done="The legal hold is in place.",
        ):
            return redirect("retention")
    if posted == "find" and find_form.is_valid():
        person = selectors.contact_by_client_id(
            user=request.user, client_id=find_form.cleaned_data["client_id"]
        )
        if person is None:
            find_form.add_error("client_id", "No person has this client ID.")
        else:
            return redirect("erasure_request", public_id=person.public_id)
    batch = selectors.batch_latest(user=request.user)
    return render(
        request,
        "retention/retention.html",
        {
            "rules": [
                (r, selectors.rule_words(r)) for r in selectors.rules_list(user=request.user)
            ],
            "batch": batch,
            "summary": selectors.batch_summary(batch) if batch else [],
            "holds": selectors.hold_pages(selectors.holds_list(user=request.user)),
            "records": selectors.disposal_records(user=request.user)[:20],
            "hold_form": hold_form,
            "find_form": find_form,
        },
    )


@never_cache
@login_required
@help_key("retention")
def rule_edit(request, record_type):
    rule = _found(selectors.rule_get(user=request.user, record_type=record_type))
    form = RuleForm(request.POST or None, initial={"years": rule.years, "action": rule.action})
    if form_done(
        request,
        form,
        lambda: services.rule_update(actor=request.user, rule=rule, **form.cleaned_data),
        done="The rule has been changed.",
    ):
        return redirect("retention")
    return render(request, "retention/rule_form.html", {"rule": rule, "form": form})


@never_cache
@login_required
@help_key("retention")
def batch_detail(request, public_id):
    batch = _found(selectors.batch_get(user=request.user, public_id=public_id))
    error = ""
    if request.method == "POST":
        try:
            services.batch_confirm(actor=request.user, batch=batch)
        except (ValidationError, PermissionDenied) as exc:
            error = " ".join(getattr(exc, "messages", [str(exc)]))
        else:
            messages.success(request, "Confirmed: the disposal is running.")
            return redirect("disposal_batch", public_id=batch.public_id)
    return render(
        request,
        "retention/batch.html",
        {"batch": batch, "summary": selectors.batch_summary(batch), "error": error},
    )


@never_cache
@login_required
@help_key("retention")
def hold_release(request, public_id):
    """Release a hold, with the reason (a form of its own: the reason is required)."""
    hold = _found(selectors.hold_get(user=request.user, public_id=public_id))
    form = ReleaseForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: services.hold_release(
            actor=request.user, hold=hold, reason=form.cleaned_data["reason"]
        ),
        done=f"The hold on {hold.subject_label} has been released.",
    ):
        back = _record_url(hold) if request.POST.get("back") == "record" else ""
        return redirect(back or "retention")
    back = request.POST.get("back") or request.GET.get("back") or ""
    return render(
        request,
        "retention/hold_release.html",
        {"hold": hold, "form": form, "back": "record" if back == "record" else ""},
    )


def _record_url(hold) -> str:
    [(_hold, public_id)] = selectors.hold_pages([hold])
    if public_id is None:
        return ""
    return reverse("legal_hold_record", args=[hold.subject_type, public_id])


@never_cache
@login_required
@help_key("retention")
def hold_record(request, subject, public_id):
    """The holds on one record (a person, customer, engagement, safeguarding or support
    case), reached from that record's page: place one, see and release those in place."""
    record = _found(
        selectors.hold_subject_get(user=request.user, subject=subject, public_id=public_id)
    )
    form = PlaceHoldForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: services.hold_place(
            actor=request.user, subject=record, reason=form.cleaned_data["reason"]
        ),
        done="The legal hold is in place.",
    ):
        return redirect("legal_hold_record", subject=subject, public_id=public_id)
    return render(
        request,
        "retention/hold_record.html",
        {
            "label": selectors.hold_words(record),
            "holds": selectors.holds_on(user=request.user, record=record),
            "form": form,
            "subject": subject,
            "person": subject in ("contact", "customer") and record,
        },
    )


@never_cache
@private_search("q")
@login_required
@help_key("retention")
def people_find(request):
    """Find a contact, a caller or a customer by name, client ID or housing reference,
    for erasure on request or a legal hold."""
    _officer(request)
    query = request.private_search["q"][:100]
    return render(
        request,
        "retention/people_find.html",
        {"q": query, "found": selectors.people_found(user=request.user, query=query)},
    )


@never_cache
@login_required
@help_key("retention")
def erasure_request(request, public_id):
    person = _found(selectors.person_get(user=request.user, public_id=public_id))
    form = ErasureForm(request.POST or None)

    def work():
        return services.erasure_request(
            actor=request.user, person=person, reason=form.cleaned_data["reason"]
        )

    if answer := form_done(
        request,
        form,
        work,
        done="Check the list and confirm it to erase their details.",
        then=lambda batch: redirect("disposal_batch", public_id=batch.public_id),
    ):
        return answer
    return render(
        request,
        "retention/erasure.html",
        {
            "label": selectors.person_label(person),
            "refusals": services.erasure_refusals(person),
            "records": selectors.records_of(person),
            "form": form,
        },
    )

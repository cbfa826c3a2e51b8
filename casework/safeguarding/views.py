"""Safeguarding case screens. Thin: parse with a form, call one service or selector,
render. A case the user may not see, or of another partner, is not found (404); a
screen their role lacks for a case they can see is refused (403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from casework import selectors as casework_selectors
from casework.policy import can_see_all_engagements
from casework.reads import record_read
from casework.safeguarding import clock, forms, policy, selectors
from casework.safeguarding.services import cases as services
from casework.safeguarding.services import closure, corrections
from casework.safeguarding.services.settings import safeguarding_settings_update
from casework.views_common import found, page_of, require_casework
from tenants.accounts.views_common import form_done, help_key
from tenants.views.corrections import correction_page

STATUSES = {"open": "Open", "due": "Due for update", "closed": "Closed", "all": "All"}


def _case(request, public_id):
    """The case, if the user may see it; each time it is shown, the read is recorded."""
    case = found(selectors.case_get(user=request.user, public_id=public_id))
    if request.method == "GET":
        services.case_read_record(actor=request.user, case=case)
    return case


def _case_page(case):
    return redirect("safeguarding_case", public_id=case.public_id)


@never_cache
@login_required
@help_key("safeguarding-new")
def case_new(request, public_id):
    engagement = found(casework_selectors.engagement_get(user=request.user, public_id=public_id))
    require_casework(request)
    # Filled in from what raised it (an incident's "Raise a safeguarding case"), never saved
    # until the form is posted.
    prefill = {
        name: request.GET[name][:2000]
        for name in ("description", "threshold")
        if name in request.GET
    }
    form = forms.CaseForm(request.POST or None, initial=prefill)
    if answer := form_done(
        request,
        form,
        lambda: services.case_open(actor=request.user, engagement=engagement, **form.cleaned_data),
        done=lambda case: f"Safeguarding case {case.reference} has been recorded.",
        then=lambda case: redirect("safeguarding_case", public_id=case.public_id),
    ):
        return answer
    return render(
        request,
        "safeguarding/case_new.html",
        {"engagement": engagement, "form": form, "guidance": forms.GUIDANCE},
    )


@login_required
@help_key("safeguarding-cases")
def case_list(request):
    require_casework(request)
    status = request.GET.get("status", "open")
    status = status if status in STATUSES else "open"
    can_see_all = can_see_all_engagements(request.user) or policy.is_dsl(request.user)
    scope = "all" if can_see_all and request.GET.get("who") == "all" else "mine"
    if scope == "all":
        cases = selectors.all_cases(user=request.user, status=status)
    else:
        cases = selectors.my_cases(user=request.user, status=status)
    page = page_of(request, cases)
    today = timezone.localdate()
    for case in page:
        case.clock_state = clock.state(due=case.next_update_due, today=today)
    return render(
        request,
        "safeguarding/case_list.html",
        {
            "page": page,
            "status": status,
            "statuses": STATUSES,
            "scope": scope,
            "can_see_all": can_see_all,
            "can_change_settings": policy.is_dsl(request.user),
        },
    )


@login_required
@help_key("safeguarding-case")
def case_detail(request, public_id):
    case = _case(request, public_id)
    user = request.user
    record_read(actor=user, record_type="safeguarding_case", public_ids=[case.public_id])
    pending = selectors.pending_request(case=case)
    return render(
        request,
        "safeguarding/case_detail.html",
        {
            "case": case,
            "engagement": case.engagement,
            "clock_state": clock.state(due=case.next_update_due, today=timezone.localdate()),
            "actions": _with_correct_links(
                user, case, selectors.monitoring_actions(case=case), "author_id"
            ),
            "history": _decisions_with_correct_links(user, case),
            "pending": pending,
            "can_decide": pending is not None and policy.can_decide(user, pending),
            "can_record_la": policy.can_record_la_notification(user),
            "can_review_reads": policy.can_review_reads(user),
            "reads": selectors.case_reads(user=user, case=case)[:200],
        },
    )


def _with_correct_links(user, case, entries, author_field: str) -> list:
    entries, may_correct = list(entries), policy.entry_corrector(user, case)
    for entry in entries:
        if may_correct(getattr(entry, author_field)):
            entry.correct_url = reverse("safeguarding_action_correct", args=[entry.public_id])
    return entries


def _decisions_with_correct_links(user, case) -> list:
    history, may_correct = (
        list(selectors.closure_history(case=case)),
        policy.entry_corrector(user, case),
    )
    for request in history:
        decision = getattr(request, "decision", None)
        if decision is not None and may_correct(decision.decided_by_id):
            decision.correct_url = reverse(
                "safeguarding_decision_correct", args=[decision.public_id]
            )
    return history


def _read(request, case, author_id):
    """The correction page shows the entry: a read of the case, recorded like opening it
    (only for those it is shown to)."""
    if request.method == "GET" and policy.can_correct_entry(request.user, case, author_id):
        services.case_read_record(actor=request.user, case=case)
    return case


@never_cache
@login_required
@help_key("safeguarding-case")
def monitoring_action_correct(request, public_id):
    action = found(selectors.monitoring_action_get(user=request.user, public_id=public_id))
    case = _read(request, action.case, action.author_id)
    return correction_page(
        request,
        title="Correct a monitoring action",
        caption=f"Safeguarding case {case.reference}",
        original=[
            ("Written by", f"{action.author_name}, {action.created_at:%d/%m/%Y %H:%M}"),
            ("Actions taken", action.actions_taken),
            ("Taken by", action.taken_by),
            ("Rationale", action.rationale),
        ],
        back_url=reverse("safeguarding_case", args=[case.public_id]),
        allowed=policy.can_correct_entry(request.user, case, action.author_id),
        call=lambda kind, text: corrections.monitoring_action_correct(
            actor=request.user, action=action, kind=kind, text=text
        ),
    )


@never_cache
@login_required
@help_key("safeguarding-closure")
def closure_decision_correct(request, public_id):
    decision = found(selectors.closure_decision_get(user=request.user, public_id=public_id))
    case = _read(request, decision.request.case, decision.decided_by_id)
    return correction_page(
        request,
        title="Correct a closure decision",
        caption=f"Safeguarding case {case.reference}",
        original=[
            (
                "Decided by",
                f"{decision.decided_by.get_full_name()}, {decision.decided_at:%d/%m/%Y %H:%M}",
            ),
            ("Decision", decision.get_outcome_display()),
            ("Comments", decision.comment),
        ],
        back_url=reverse("safeguarding_case", args=[case.public_id]),
        allowed=policy.can_correct_entry(request.user, case, decision.decided_by_id),
        call=lambda kind, text: corrections.closure_decision_correct(
            actor=request.user, decision=decision, kind=kind, text=text
        ),
    )


@never_cache
@login_required
@help_key("safeguarding-case")
def case_history(request, public_id):
    case = _case(request, public_id)
    page = selectors.case_history(case=case, page=request.GET.get("page", 1))
    page.extra = ""
    return render(
        request,
        "casework/history.html",
        {
            "record": case,
            "page": page,
            "title": f"Safeguarding case {case.reference}",
            "record_url": reverse("safeguarding_case", args=[case.public_id]),
            "record_label": "Case",
        },
    )


@never_cache
@login_required
@help_key("safeguarding-monitoring")
def monitoring_new(request, public_id):
    case = _case(request, public_id)
    form = forms.MonitoringForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: services.monitoring_action_add(actor=request.user, case=case, **form.cleaned_data),
        done="The monitoring action has been added.",
    ):
        return _case_page(case)
    return render(request, "safeguarding/monitoring_new.html", {"case": case, "form": form})


@never_cache
@login_required
@help_key("safeguarding-case")
def threshold_change(request, public_id):
    case = _case(request, public_id)
    form = forms.ThresholdForm(request.POST or None, initial={"threshold": case.threshold})
    if form_done(
        request,
        form,
        lambda: services.case_change_threshold(
            actor=request.user, case=case, threshold=form.cleaned_data["threshold"]
        ),
        done=lambda changed: f"The threshold is now {changed.get_threshold_display()}.",
    ):
        return _case_page(case)
    return render(
        request,
        "safeguarding/threshold.html",
        {"case": case, "form": form, "guidance": forms.GUIDANCE},
    )


@never_cache
@login_required
@help_key("safeguarding-case")
def local_authority(request, public_id):
    case = found(selectors.case_get(user=request.user, public_id=public_id))
    if not policy.can_record_la_notification(request.user):
        raise PermissionDenied("Only a designated safeguarding lead or deputy can record this.")
    case = _case(request, public_id)
    form = forms.LocalAuthorityForm(
        request.POST or None,
        initial={
            "notified": "yes" if case.la_notified else "no",
            "notified_on": case.la_notified_on,
        },
    )
    if form_done(
        request,
        form,
        lambda: services.case_record_la_notification(
            actor=request.user,
            case=case,
            notified=form.cleaned_data["notified"] == "yes",
            notified_on=form.cleaned_data["notified_on"],
        ),
        done="The local authority notification has been recorded.",
    ):
        return _case_page(case)
    return render(request, "safeguarding/local_authority.html", {"case": case, "form": form})


@never_cache
@login_required
@help_key("safeguarding-closure")
def closure_submit(request, public_id):
    case = _case(request, public_id)
    form = forms.SubmitForm(
        request.POST or None,
        approvers=selectors.approver_choices(submitter=request.user),
        line_manager=request.user.line_manager,
    )
    if form_done(
        request,
        form,
        lambda: closure.closure_request_submit(actor=request.user, case=case, **form.cleaned_data),
        done=lambda sent: f"The closure request has been sent to {sent.approver.get_full_name()}.",
    ):
        return _case_page(case)
    return render(request, "safeguarding/closure_submit.html", {"case": case, "form": form})


@never_cache
@login_required
@help_key("safeguarding-closure")
def closure_decide(request, public_id):
    case = found(selectors.case_get(user=request.user, public_id=public_id))
    pending = selectors.pending_request(case=case)
    if pending is None:
        messages.error(request, "This case has no closure request waiting for a decision.")
        return redirect("safeguarding_case", public_id=case.public_id)
    if not policy.can_decide(request.user, pending):
        raise PermissionDenied("Only the approver it was sent to, or a DSL, can decide.")
    case = _case(request, public_id)
    form = forms.DecideForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: closure.closure_request_decide(
            actor=request.user,
            request=pending,
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"],
        ),
        done=lambda decision: f"Closure {decision.outcome}.",
    ):
        return _case_page(case)
    return render(
        request,
        "safeguarding/closure_decide.html",
        {"case": case, "form": form, "pending": pending},
    )


@never_cache
@login_required
@help_key("safeguarding-settings")
def settings_edit(request):
    if not policy.is_dsl(request.user):
        raise PermissionDenied("Only a designated safeguarding lead can change this.")
    current = selectors.safeguarding_settings()
    form = forms.SettingsForm(
        request.POST or None, initial={"escalation_days": current.escalation_days}
    )

    def work():
        return safeguarding_settings_update(
            actor=request.user, escalation_days=form.cleaned_data["escalation_days"]
        )

    if form_done(
        request,
        form,
        work,
        done=lambda saved: (
            f"Overdue cases now escalate after {saved.escalation_days} "
            f"day{'s' if saved.escalation_days != 1 else ''}."
        ),
    ):
        return redirect("safeguarding_cases")
    return render(request, "safeguarding/settings.html", {"form": form})

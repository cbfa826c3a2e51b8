"""Sending a plan for approval, and the approver's (or a covering DSL's) decision."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.views.decorators.cache import never_cache

from casework.plans import policy, selectors, services
from casework.plans.forms import (
    DecideForm,
    SubmitForm,
)
from casework.plans.views.plans import back_to, form_page, plan_to_change
from casework.safeguarding.selectors import approver_choices
from casework.views_common import found
from tenants.accounts.views_common import form_done, help_key


@never_cache
@login_required
@help_key("plans")
def approval_submit(request, public_id):
    plan = plan_to_change(request, public_id)
    form = SubmitForm(
        request.POST or None,
        approvers=approver_choices(submitter=request.user),
        line_manager=request.user.line_manager,
    )
    if form_done(
        request,
        form,
        lambda: services.approval_submit(actor=request.user, plan=plan, **form.cleaned_data),
        done="The plan has been sent for approval.",
    ):
        return back_to(plan)
    return form_page(
        request,
        form,
        title="Send the plan for approval",
        engagement=plan.engagement,
        back_url=services.plan_url(plan),
        button="Send for approval",
        intro="The plan stays as it is until it is approved or returned.",
    )


@never_cache
@login_required
@help_key("plans")
def approval_decide(request, public_id):
    plan = found(selectors.plan_get(user=request.user, public_id=public_id))
    pending = selectors.approval_pending(plan=plan)
    if pending is None or not policy.can_decide(request.user, pending):
        raise PermissionDenied("This plan is not waiting for your decision.")
    form = DecideForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: services.approval_decide(
            actor=request.user,
            request=pending,
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"],
        ),
        done="Your decision has been recorded.",
    ):
        return back_to(plan)
    return form_page(
        request,
        form,
        title="Approve or return the plan",
        engagement=plan.engagement,
        back_url=services.plan_url(plan),
        button="Record the decision",
        intro=f"Sent by {pending.submitted_by.get_full_name()}. {pending.comment}".strip(),
    )

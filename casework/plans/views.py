"""Case plan screens: the Plans tab of a contact or an engagement, starting a plan,
adding and changing goals and actions, recording a review, sending a plan for approval
and deciding it, a plan's history and the partner's setting. Thin: parse with a form,
call one service or selector, render. A record the user may not see is 404; the rules
are casework.plans.policy's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from casework import selectors as casework_selectors
from casework.plans import policy, selectors, services
from casework.plans.forms import (
    ActionForm,
    DecideForm,
    GoalForm,
    PlanForm,
    ReasonForm,
    RemoveForm,
    ReviewForm,
    SettingsForm,
    SubmitForm,
)
from casework.safeguarding.selectors import approver_choices
from casework.views_common import found
from tenants.accounts.views_common import add_service_errors, help_key


def _title(engagement) -> str:
    return f"{engagement.programme.name} – {engagement.contact.display_name}"


def _form_page(request, form, *, title, engagement, back_url, button, intro="", extra=None):
    return render(
        request,
        "plans/form.html",
        {
            "form": form,
            "title": title,
            "caption": _title(engagement),
            "back_url": back_url,
            "button": button,
            "intro": intro,
            **(extra or {}),
        },
    )


def _done(request, message, plan):
    messages.success(request, message)
    return redirect(services.plan_url(plan))


@never_cache
@login_required
@help_key("plans")
def plans_tab(request, public_id, kind="contact"):
    user = request.user
    if kind == "engagement":
        engagement = found(casework_selectors.engagement_get(user=user, public_id=public_id))
        contact = engagement.contact
        on = {"engagement": engagement}
        record = {
            "title": _title(engagement),
            "url": reverse("engagement_detail", args=[public_id]),
            "label": "engagement",
        }
    else:
        contact = found(casework_selectors.contact_get(user=user, public_id=public_id))
        engagement = None
        on = {"contact": contact}
        record = {
            "title": f"{contact.display_name} ({contact.client_id})",
            "url": reverse("contact_detail", args=[public_id]),
            "label": "contact",
        }
    plans = list(selectors.plans_on(user=user, **on))
    today = timezone.localdate()
    for plan in plans:
        plan.may_write = policy.can_write_plan(user, plan.engagement)
        plan.pending = selectors.approval_pending(plan=plan)
        plan.may_decide = plan.pending is not None and policy.can_decide(user, plan.pending)
        plan.review_overdue = plan.is_in_force and plan.review_on < today
        for goal in plan.goals.all():
            for action in goal.actions.all():
                action.overdue = action.is_open and action.due_on < today
    return render(
        request,
        "plans/plans_tab.html",
        {
            "record": record,
            "contact": contact,
            "engagement": engagement,
            "plans": plans,
            "may_start": engagement is not None
            and not plans
            and policy.can_write_plan(user, engagement),
            "needs_approval": selectors.plan_settings().approval_required,
        },
    )


@never_cache
@login_required
@help_key("plans")
def plan_new(request, public_id):
    engagement = found(casework_selectors.engagement_get(user=request.user, public_id=public_id))
    if not policy.can_write_plan(request.user, engagement):
        raise PermissionDenied("You cannot write a plan in this engagement.")
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                actor=request.user, engagement=engagement, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, exc)
        else:
            return _done(request, "The case plan has been started: add its goals.", plan)
    return _form_page(
        request,
        form,
        title="Start a case plan",
        engagement=engagement,
        back_url=reverse("engagement_plans", args=[public_id]),
        button="Start the plan",
        intro="Goals and their actions are added next.",
    )


def _plan(request, public_id):
    plan = found(selectors.plan_get(user=request.user, public_id=public_id))
    if not policy.can_write_plan(request.user, plan.engagement):
        raise PermissionDenied("You cannot change this plan.")
    return plan


@never_cache
@login_required
@help_key("plans")
def goal_new(request, public_id):
    plan = _plan(request, public_id)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_add(actor=request.user, plan=plan, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, exc)
        else:
            return _done(request, "The goal has been added.", plan)
    return _form_page(
        request,
        form,
        title="Add a goal",
        engagement=plan.engagement,
        back_url=services.plan_url(plan),
        button="Add the goal",
    )


def _edit_page(request, record, *, form, kind, update, remove):
    """An edit screen with its reason, and a second form removing the record."""
    plan = record.plan
    reason_form = ReasonForm(request.POST or None, prefix="change")
    remove_form = RemoveForm(request.POST if "remove" in request.POST else None, prefix="remove")
    if request.method == "POST" and "remove" in request.POST:
        if remove_form.is_valid():
            try:
                remove(remove_form.cleaned_data["reason"])
            except (ValidationError, PermissionDenied) as exc:
                add_service_errors(remove_form, exc)
            else:
                return _done(request, f"The {kind} has been removed.", plan)
    elif request.method == "POST" and form.is_valid() and reason_form.is_valid():
        try:
            update(form.cleaned_data, reason_form.cleaned_data["reason"])
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, exc)
        else:
            return _done(request, f"The {kind} has been changed.", plan)
    return _form_page(
        request,
        form,
        title=f"Change the {kind}",
        engagement=plan.engagement,
        back_url=services.plan_url(plan),
        button="Save changes",
        extra={
            "reason_form": reason_form,
            "remove_form": remove_form,
            "kind": kind,
            "needs_reason": policy.change_needs_reason(plan),
        },
    )


@never_cache
@login_required
@help_key("plans")
def goal_edit(request, public_id):
    goal = found(selectors.goal_get(user=request.user, public_id=public_id))
    _plan(request, goal.plan.public_id)
    form = GoalForm(
        request.POST if "remove" not in request.POST else None,
        initial={"what": goal.what, "why": goal.why, "by_when": goal.by_when, "who": goal.who},
    )
    return _edit_page(
        request,
        goal,
        form=form,
        kind="goal",
        update=lambda data, reason: services.goal_update(
            actor=request.user, goal=goal, reason=reason, **data
        ),
        remove=lambda reason: services.goal_remove(actor=request.user, goal=goal, reason=reason),
    )


@never_cache
@login_required
@help_key("plans")
def action_new(request, public_id):
    goal = found(selectors.goal_get(user=request.user, public_id=public_id))
    plan = _plan(request, goal.plan.public_id)
    form = ActionForm(request.POST or None, me=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_add(actor=request.user, goal=goal, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, exc)
        else:
            return _done(request, "The action has been added.", plan)
    return _form_page(
        request,
        form,
        title="Add an action",
        engagement=plan.engagement,
        back_url=services.plan_url(plan),
        button="Add the action",
        intro=f"Towards the goal “{goal.what}”.",
    )


@never_cache
@login_required
@help_key("plans")
def action_edit(request, public_id):
    action = found(selectors.action_get(user=request.user, public_id=public_id))
    _plan(request, action.plan.public_id)
    form = ActionForm(
        request.POST if "remove" not in request.POST else None,
        me=request.user,
        initial={
            "what": action.what,
            "owner": action.owner.public_id,
            "due_on": action.due_on,
            "status": action.status,
        },
    )
    return _edit_page(
        request,
        action,
        form=form,
        kind="action",
        update=lambda data, reason: services.action_update(
            actor=request.user, action=action, reason=reason, **data
        ),
        remove=lambda reason: services.action_remove(
            actor=request.user, action=action, reason=reason
        ),
    )


@never_cache
@login_required
@help_key("plans")
def review_new(request, public_id):
    plan = _plan(request, public_id)
    goals = list(plan.goals.all())
    form = ReviewForm(request.POST or None, goals=goals)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_record(
                actor=request.user,
                plan=plan,
                progress=form.progress(),
                comment=form.cleaned_data["comment"],
                next_review_on=form.cleaned_data["next_review_on"],
            )
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, exc)
        else:
            return _done(request, "The review has been recorded.", plan)
    return _form_page(
        request,
        form,
        title="Review the plan",
        engagement=plan.engagement,
        back_url=services.plan_url(plan),
        button="Record the review",
        intro="A review cannot be changed once recorded.",
    )


@never_cache
@login_required
@help_key("plans")
def approval_submit(request, public_id):
    plan = _plan(request, public_id)
    form = SubmitForm(
        request.POST or None,
        approvers=approver_choices(submitter=request.user),
        line_manager=request.user.line_manager,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.approval_submit(actor=request.user, plan=plan, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, exc)
        else:
            return _done(request, "The plan has been sent for approval.", plan)
    return _form_page(
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
    if request.method == "POST" and form.is_valid():
        try:
            services.approval_decide(
                actor=request.user,
                request=pending,
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
            )
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, exc)
        else:
            return _done(request, "Your decision has been recorded.", plan)
    return _form_page(
        request,
        form,
        title="Approve or return the plan",
        engagement=plan.engagement,
        back_url=services.plan_url(plan),
        button="Record the decision",
        intro=f"Sent by {pending.submitted_by.get_full_name()}. {pending.comment}".strip(),
    )


@never_cache
@login_required
@help_key("history")
def plan_history(request, public_id):
    plan, page = found(
        selectors.plan_history(user=request.user, public_id=public_id, page=request.GET.get("page"))
    )
    page.extra = ""
    return render(
        request,
        "plans/plan_history.html",
        {"plan": plan, "caption": _title(plan.engagement), "page": page},
    )


@never_cache
@login_required
@help_key("plans")
def plan_settings(request):
    if not policy.can_change_settings(request.user):
        raise PermissionDenied("Only managers decide whether case plans need approval.")
    current = selectors.plan_settings()
    form = SettingsForm(
        request.POST or None, initial={"approval_required": current.approval_required}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_settings_update(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The case plan setting has been saved.")
            return redirect("plan_settings")
    return render(
        request,
        "plans/form.html",
        {
            "form": form,
            "title": "Case plan settings",
            "caption": "Your organisation",
            "back_url": reverse("home"),
            "button": "Save",
        },
    )

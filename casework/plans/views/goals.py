"""A plan's goals and their actions: adding them, and changing or removing one (with a
reason once the plan needs one), and recording a review of the plan's progress."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.cache import never_cache

from casework.plans import policy, selectors, services
from casework.plans.forms import (
    ActionForm,
    GoalForm,
    ReasonForm,
    RemoveForm,
    ReviewForm,
)
from casework.plans.views.plans import back_to, form_page, plan_to_change
from casework.views_common import found
from tenants.accounts.views_common import form_done, help_key


@never_cache
@login_required
@help_key("plans")
def goal_new(request, public_id):
    plan = plan_to_change(request, public_id)
    form = GoalForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: services.goal_add(actor=request.user, plan=plan, **form.cleaned_data),
        done="The goal has been added.",
    ):
        return back_to(plan)
    return form_page(
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
    if "remove" in request.POST:
        if form_done(
            request,
            remove_form,
            lambda: remove(remove_form.cleaned_data["reason"]),
            done=f"The {kind} has been removed.",
        ):
            return back_to(plan)
    elif reason_form.is_valid() and form_done(
        request,
        form,
        lambda: update(form.cleaned_data, reason_form.cleaned_data["reason"]),
        done=f"The {kind} has been changed.",
    ):
        return back_to(plan)
    return form_page(
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
    plan_to_change(request, goal.plan.public_id)
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
    plan = plan_to_change(request, goal.plan.public_id)
    form = ActionForm(request.POST or None, me=request.user)
    if form_done(
        request,
        form,
        lambda: services.action_add(actor=request.user, goal=goal, **form.cleaned_data),
        done="The action has been added.",
    ):
        return back_to(plan)
    return form_page(
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
    plan_to_change(request, action.plan.public_id)
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
    plan = plan_to_change(request, public_id)
    goals = list(plan.goals.all())
    form = ReviewForm(request.POST or None, goals=goals)
    if form_done(
        request,
        form,
        lambda: services.review_record(
            actor=request.user,
            plan=plan,
            progress=form.progress(),
            comment=form.cleaned_data["comment"],
            next_review_on=form.cleaned_data["next_review_on"],
        ),
        done="The review has been recorded.",
    ):
        return back_to(plan)
    return form_page(
        request,
        form,
        title="Review the plan",
        engagement=plan.engagement,
        back_url=services.plan_url(plan),
        button="Record the review",
        intro="A review cannot be changed once recorded.",
    )

"""A contact's or an engagement's Plans tab, starting a plan, a plan's history and the
partner's setting; and what every plan screen shares (`form_page`, `back_to`,
`plan_to_change`)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from casework import selectors as casework_selectors
from casework.plans import policy, selectors, services
from casework.plans.forms import (
    PlanForm,
    SettingsForm,
)
from casework.views_common import found
from tenants.accounts.views_common import form_done, help_key


def plan_caption(engagement) -> str:
    """The caption over every plan screen: the programme and the person."""
    return f"{engagement.programme.name} – {engagement.contact.display_name}"


def form_page(request, form, *, title, engagement, back_url, button, intro="", extra=None):
    """A plan screen's one form, under the plan's caption."""
    return render(
        request,
        "plans/form.html",
        {
            "form": form,
            "title": title,
            "caption": plan_caption(engagement),
            "back_url": back_url,
            "button": button,
            "intro": intro,
            **(extra or {}),
        },
    )


def back_to(plan):
    """After a plan screen's service ran: back to the plan on its Plans tab."""
    return redirect(services.plan_url(plan))


def plan_to_change(request, public_id):
    """The plan, when the user may see it (else 404) and write it (else 403)."""
    plan = found(selectors.plan_get(user=request.user, public_id=public_id))
    if not policy.can_write_plan(request.user, plan.engagement):
        raise PermissionDenied("You cannot change this plan.")
    return plan


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
            "title": plan_caption(engagement),
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
    made = {}

    def work():
        made["plan"] = services.plan_create(
            actor=request.user, engagement=engagement, **form.cleaned_data
        )

    if form_done(request, form, work, done="The case plan has been started: add its goals."):
        return back_to(made["plan"])
    return form_page(
        request,
        form,
        title="Start a case plan",
        engagement=engagement,
        back_url=reverse("engagement_plans", args=[public_id]),
        button="Start the plan",
        intro="Goals and their actions are added next.",
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
        {"plan": plan, "caption": plan_caption(plan.engagement), "page": page},
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
    if form_done(
        request,
        form,
        lambda: services.plan_settings_update(actor=request.user, **form.cleaned_data),
        done="The case plan setting has been saved.",
    ):
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

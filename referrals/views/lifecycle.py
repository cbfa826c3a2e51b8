"""The later steps of a referral on both sides' pages (put on hold, resume, could not be
completed, completed, reopen): the forms a page shows and their posts, each one service
of the exchange. Which steps show is the lifecycle's own answer (steps_open_to)."""

from django.shortcuts import redirect

from referrals.forms import lifecycle as forms_lifecycle
from referrals.services import exchange
from tenants.accounts.views_common import action_done, form_done

# post's action → (form, the lifecycle's step, the service's arguments, what to say)
STEPS = {
    "hold": (
        forms_lifecycle.HoldForm,
        "put on hold",
        lambda data: {"reason": data["reason"], "review_on": data["review_on"]},
        "The referral is on hold.",
    ),
    "resume": (None, "resumed", lambda data: {}, "The referral is no longer on hold."),
    "fail": (
        forms_lifecycle.FailForm,
        "failed",
        lambda data: {"reason": data["reason"], "details": data["details"]},
        "The referral is recorded as not completed.",
    ),
    "complete": (
        forms_lifecycle.CompleteForm,
        "completed",
        lambda data: {"outcome_code": data["outcome_code"], "outcome": data["outcome"]},
        "The referral is completed.",
    ),
    "reopen": (
        forms_lifecycle.ReopenForm,
        "reopened",
        lambda data: {"reason": data["reason"]},
        "The referral has been reopened.",
    ),
}
SERVICES = {
    "hold": exchange.referral_hold,
    "resume": exchange.referral_resume,
    "fail": exchange.referral_fail,
    "complete": exchange.referral_complete,
    "reopen": exchange.referral_reopen,
}


def lifecycle_steps(request, referral, *, page: str):
    """(the forms of the steps this side may take now, a redirect when a step was taken).
    A refused step shows its message beside the form (or above the page)."""
    offered = exchange.steps_open_to(referral)
    action = request.POST.get("action") if request.method == "POST" else None
    shown = {}
    for name, (form_class, step, _, _) in STEPS.items():
        if step in offered or name == action:
            bound = request.POST if name == action else None
            shown[name] = form_class(bound) if form_class else None
    if action not in STEPS:
        return shown, None
    form_class, _, arguments, said = STEPS[action]
    form = shown[action]

    def work():
        SERVICES[action](
            actor=request.user,
            referral=referral,
            **arguments(form.cleaned_data if form is not None else {}),
        )

    if form is None:  # a button: refused or done, said on the page again
        action_done(request, work, done=said)
        return shown, redirect(page, public_id=referral.public_id)
    if form_done(request, form, work, done=said):
        return shown, redirect(page, public_id=referral.public_id)
    return shown, None

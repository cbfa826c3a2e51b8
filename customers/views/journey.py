"""Journey screens: the officer refers a customer (request or direct booking); the
provider's adviser books, records the day's status and the outcome checklist. Thin:
rules are in customers.services.*; something not the user's to see is a 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from casework.views_common import page_of
from customers import policy, selectors
from customers.forms_journey import (
    AppointmentChangeForm,
    BookForm,
    ReferForm,
    StatusForm,
    StepForm,
)
from customers.models import AppointmentStatus
from customers.selectors_queues import referrals_waiting_for_booking
from customers.services.appointments import (
    appointment_book,
    appointment_record_status,
    appointment_update,
)
from customers.services.outcomes import outcome_step_correct, outcome_step_record
from customers.services.referring import Booking, customer_refer
from tenants.accounts.views_common import form_done, help_key
from tenants.views.corrections import correction_page


@never_cache
@login_required
@help_key("customer-refer")
def refer(request, public_id):
    customer = selectors.customer_get(user=request.user, public_id=public_id)
    if customer is None:
        raise Http404
    providers = selectors.providers_for(customer=customer)
    form = ReferForm(request.POST or None, providers=providers)

    def work():
        data = form.cleaned_data
        booking = None
        if data["how"] == "booked":
            booking = Booking(
                on=data["appointment_date"],
                at=data["appointment_time"],
                adviser=data["adviser"],
                place=data["place"],
            )
        provider = form.providers[data["provider"]]
        customer_refer(
            actor=request.user,
            customer=customer,
            provider=provider,
            support_wanted=data["support_wanted"],
            agreed_on=data["agreed_on"],
            booking=booking,
        )
        return provider

    if form_done(
        request,
        form,
        work,
        done=lambda provider: f"{customer} has been referred to {provider.name}.",
    ):
        return redirect("customer_detail", public_id=customer.public_id)
    dead_end = None
    if not providers:  # say why in the officer's words, and link the fix
        why, fix = selectors.why_no_providers(customer=customer)
        dead_end = {"why": why, "fix": fix, "edit_url": customer_edit_url(customer)}
    return render(
        request,
        "customers/refer.html",
        {"customer": customer, "form": form, "providers": providers, "dead_end": dead_end},
    )


def customer_edit_url(customer) -> str:
    """Where the customer's postcode is changed: the edit screen where there is one."""
    try:
        return reverse("customer_edit", kwargs={"public_id": customer.public_id})
    except NoReverseMatch:
        return reverse("customer_detail", kwargs={"public_id": customer.public_id})


@login_required
@help_key("journeys")
def journey_list(request):
    policy.check_record_outcomes(request.user)
    waiting = request.GET.get("waiting") == "booking"
    if waiting:
        referrals = referrals_waiting_for_booking(user=request.user)
    else:
        referrals = selectors.journeys_received_visible_to(user=request.user)
    return render(
        request,
        "customers/journey_list.html",
        {"page": page_of(request, referrals.prefetch_related("appointments")), "waiting": waiting},
    )


def _provider_page(request, referral, *, book=None, step=None):
    advisers = selectors.advisers_offered()
    return render(
        request,
        "customers/journey_provider.html",
        {
            "referral": referral,
            "person": referral.payload.get("person", {}),
            "details": referral.payload.get("details", {}),
            "appointments": referral.appointments.order_by("on", "at", "id"),
            "steps": _with_correct_links(
                request.user,
                referral.outcome_steps.order_by("on", "id").prefetch_related("corrections"),
            ),
            "events": referral.events.order_by("at", "id"),
            "book_form": book or BookForm(advisers=advisers),
            "step_form": step or StepForm(),
            "booked": AppointmentStatus.BOOKED,
            "today": timezone.localdate(),
        },
    )


def _with_correct_links(user, steps) -> list:
    steps = list(steps)
    for step in steps:
        if policy.can_correct_outcome_step(user, step):
            step.correct_url = reverse("journey_step_correct", args=[step.public_id])
    return steps


@never_cache
@login_required
@help_key("journey")
def step_correct(request, public_id):
    step = selectors.outcome_step_to_correct(user=request.user, public_id=public_id)
    if step is None:
        raise Http404
    return correction_page(
        request,
        title="Correct an outcome step",
        caption="Employment support referral",
        original=[
            ("Step", step.summary),
            ("Recorded by", f"{step.recorded_by_name}, {step.recorded_at:%d/%m/%Y %H:%M}"),
        ],
        back_url=reverse("journey_provider", args=[step.referral.public_id]),
        allowed=policy.can_correct_outcome_step(request.user, step),
        call=lambda kind, text: outcome_step_correct(
            actor=request.user, step=step, kind=kind, text=text
        ),
    )


def _received(request, public_id):
    policy.check_record_outcomes(request.user)
    referral = selectors.journey_received_get(user=request.user, public_id=public_id)
    if referral is None:
        raise Http404
    return referral


@never_cache
@login_required
@help_key("journey")
def journey_provider(request, public_id):
    return _provider_page(request, _received(request, public_id))


@require_POST
@login_required
@help_key("journey")
def journey_book(request, public_id):
    referral = _received(request, public_id)
    form = BookForm(request.POST, advisers=selectors.advisers_offered())

    def work():
        data = form.cleaned_data
        return appointment_book(
            actor=request.user,
            referral=referral,
            on=data["on"],
            at=data["at"],
            adviser=form.chosen_adviser(),
            place=data["place"],
        )

    if form_done(request, form, work, done="The appointment has been booked."):
        return redirect("journey_provider", public_id=referral.public_id)
    return _provider_page(request, referral, book=form)


@never_cache
@login_required
@help_key("journey")
def appointment_change(request, public_id):
    """Before the day: correct or move the appointment (a "Change" link beside it)."""
    policy.check_record_outcomes(request.user)
    appointment = selectors.appointment_get(user=request.user, public_id=public_id)
    if appointment is None:
        raise Http404
    initial = {
        "on": appointment.on,
        "at": appointment.at,
        "adviser": str(appointment.adviser_id or ""),
        "place": appointment.place,
    }
    form = AppointmentChangeForm(
        request.POST or None, initial=initial, advisers=selectors.advisers_offered()
    )

    def work():
        data = form.cleaned_data
        return appointment_update(
            actor=request.user,
            appointment=appointment,
            on=data["on"],
            at=data["at"],
            adviser=form.chosen_adviser(),
            place=data["place"],
            reason=data["reason"],
        )

    if form_done(request, form, work, done="The appointment has been changed."):
        return redirect("journey_provider", public_id=appointment.referral.public_id)
    return render(
        request,
        "includes/change_form.html",
        {
            "form": form,
            "title": "Change the appointment",
            "caption": f"Appointment on {appointment.on:%d/%m/%Y} at {appointment.at:%H:%M}",
            "intro": "Until the day before it. From the day on, record what happened instead.",
            "back_url": reverse("journey_provider", args=[appointment.referral.public_id]),
            "back_label": "Back to the referral",
        },
    )


@never_cache
@login_required
@help_key("appointment-status")
def appointment_status(request, public_id):
    policy.check_record_outcomes(request.user)
    appointment = selectors.appointment_get(user=request.user, public_id=public_id)
    if appointment is None:
        raise Http404
    form = StatusForm(request.POST or None)

    def work():
        data = form.cleaned_data
        return appointment_record_status(
            actor=request.user,
            appointment=appointment,
            status=data["status"],
            new_on=data["new_on"],
            new_at=data["new_at"],
            cancelled_by=data["cancelled_by"],
        )

    if form_done(request, form, work, done="What happened at the appointment has been recorded."):
        return redirect("journey_provider", public_id=appointment.referral.public_id)
    return render(
        request,
        "customers/appointment_status.html",
        {
            "appointment": appointment,
            "person": appointment.referral.payload.get("person", {}),
            "form": form,
        },
    )


@require_POST
@login_required
@help_key("journey")
def journey_step(request, public_id):
    referral = _received(request, public_id)
    form = StepForm(request.POST)

    def work():
        data = form.cleaned_data
        return outcome_step_record(
            actor=request.user,
            referral=referral,
            kind=data["kind"],
            on=data["on"],
            details=form.details(),
        )

    if form_done(request, form, work, done="The step has been recorded."):
        return redirect("journey_provider", public_id=referral.public_id)
    return _provider_page(request, referral, step=form)

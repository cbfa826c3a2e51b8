"""A housing officer refers a customer to a provider through the exchange: a request
(the provider contacts the resident and books) or a direct booking the officer made by
phone (the appointment reaches the provider with the referral)."""

from dataclasses import dataclass
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casework.tracking import attributed
from customers import policy
from customers.models import Appointment, Customer, CustomerReferral
from customers.services.both_sides import EMPLOYMENT_SUPPORT
from referrals.models import Referral, ReferralEvent
from referrals.services.exchange import current_partner, referral_send
from tenants.models import Partner


@dataclass(frozen=True)
class Booking:
    """What the officer was told on the phone."""

    on: date
    at: time
    adviser: str
    place: str


def booking_errors(booking: Booking, *, today: date) -> dict:
    errors = {}
    if booking.on < today:
        errors["appointment_date"] = "The appointment date cannot be in the past."
    if not booking.adviser.strip():
        errors["adviser"] = "Enter the adviser's name the provider gave you."
    if not booking.place.strip():
        errors["place"] = "Enter where the appointment is."
    return errors


@attributed
def customer_refer(
    *,
    actor,
    customer: Customer,
    provider: Partner,
    support_wanted: str,
    agreed_on: date | None,
    booking: Booking | None = None,
) -> Referral:
    """Send the customer's minimised details to the provider; with a booking, the
    appointment is created on the provider's side in the same transaction."""
    policy.check_work_with_customers(actor)
    today = timezone.localdate()
    errors = {}
    if not support_wanted.strip():
        errors["support_wanted"] = "Say what support the resident wants."
    if agreed_on is None:
        errors["agreed_on"] = "Enter the date the resident agreed to be referred."
    elif agreed_on > today:
        errors["agreed_on"] = "The date they agreed cannot be in the future."
    if booking is not None:
        errors |= booking_errors(booking, today=today)
    if errors:
        raise ValidationError(errors)
    details = {"support_wanted": support_wanted.strip()[:300]}
    if booking is not None:
        details |= {
            "appointment_date": booking.on.isoformat(),
            "appointment_time": booking.at.strftime("%H:%M"),
            "adviser": booking.adviser.strip()[:200],
            "place": booking.place.strip()[:200],
        }
    booked_by = actor.get_full_name()

    def add_appointment(received: Referral) -> None:
        if booking is None:
            return
        Appointment.objects.create(
            referral=received,
            direct=True,
            on=booking.on,
            at=booking.at,
            adviser_name=booking.adviser.strip()[:200],
            place=booking.place.strip()[:200],
            booked_by_name=f"{booked_by} ({received.other_partner_name})",
        )
        ReferralEvent.objects.create(
            referral=received,
            action="appointment booked",
            partner_name=received.other_partner_name,
            by_name=booked_by,
            detail=_booking_text(booking),
        )

    with transaction.atomic():
        sent = referral_send(
            actor=actor,
            receiver=provider,
            referral_type=EMPLOYMENT_SUPPORT,
            contact=None,
            customer=customer,
            customer_agreed_on=agreed_on,
            details=details,
            on_received=add_appointment,
        )
        CustomerReferral.objects.create(customer=customer, referral=sent)
        if booking is not None:
            ReferralEvent.objects.create(
                referral=sent,
                action="appointment booked",
                partner_name=current_partner().name,
                by_name=booked_by,
                detail=_booking_text(booking),
            )
    return sent


def _booking_text(booking: Booking) -> str:
    return (
        f"{booking.on:%d/%m/%Y} at {booking.at:%H:%M} with {booking.adviser.strip()}, "
        f"{booking.place.strip()}"
    )

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
from customers.services.both_sides import journey_moves, on_both_sides
from referrals.models import Direction, Referral
from referrals.services.exchange import referral_send
from referrals.services.exchange.sending import postcode_area
from referrals.types import EMPLOYMENT_SUPPORT
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

    def add_appointment(copy: Referral) -> None:
        if copy.direction == Direction.RECEIVED:
            Appointment.objects.create(
                referral=copy,
                direct=True,
                on=booking.on,
                at=booking.at,
                adviser_name=booking.adviser.strip()[:200],
                place=booking.place.strip()[:200],
                booked_by_name=f"{booked_by} ({copy.other_partner_name})",
            )

    with transaction.atomic():
        sent = referral_send(
            actor=actor,
            receiver=provider,
            referral_type=EMPLOYMENT_SUPPORT,
            person=customer,
            area=postcode_area(customer.postcode),
            # Checked above: a referral is made only once the resident has agreed.
            basis=f"Consent given on {agreed_on:%d/%m/%Y}",
            consented=True,
            details=details,
        )
        CustomerReferral.objects.create(customer=customer, referral=sent)
        if booking is not None:
            # The officer booked by phone: the appointment reaches the provider with the
            # referral, and the referral is answered (booked) on both sides at once.
            on_both_sides(
                actor=actor,
                referral=sent,
                action="appointment booked",
                detail=_booking_text(booking),
                write=add_appointment,
                moves=lambda copy: journey_moves(copy, booked=True),
            )
            sent.refresh_from_db()
    return sent


def _booking_text(booking: Booking) -> str:
    return (
        f"{booking.on:%d/%m/%Y} at {booking.at:%H:%M} with {booking.adviser.strip()}, "
        f"{booking.place.strip()}"
    )

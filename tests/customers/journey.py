"""Helpers for the journey tests: a gamma borough officer refers a customer to kappa,
kappa's adviser works it. Switching schema is explicit, as the exchange does."""

from contextlib import contextmanager
from datetime import date, time, timedelta

from django.db import connection

from customers.models import Appointment, Customer
from customers.services import customer_create
from customers.services.appointments import appointment_book
from customers.services.referring import Booking, customer_refer
from referrals.models import Referral
from tenants.models import Partner
from tests.casework.screens import user_with

TODAY = date.today()
FROM, TO = TODAY.replace(day=1), TODAY
# The figures of the `known` fixture (tests/customers/conftest.py).
FUNNEL = [
    ("Referred", 4),
    ("First appointment attended", 2),
    ("Training", 1),
    ("Qualification", 1),
    ("Job", 1),
    ("Sustained", 1),
]


@contextmanager
def inside(partner: Partner):
    back = Partner.objects.get(schema_name=connection.schema_name)
    connection.set_tenant(partner)
    try:
        yield
    finally:
        connection.set_tenant(back)


def a_customer(officer, **extra) -> Customer:
    return customer_create(
        actor=officer,
        first_name=extra.pop("first_name", "Jordan"),
        last_name=extra.pop("last_name", "Okafor"),
        postcode=extra.pop("postcode", "SW1A 1AA"),
        phone=extra.pop("phone", "07700 900777"),
        **extra,
    )


def refer(officer, customer, provider, booking: Booking | None = None) -> Referral:
    return customer_refer(
        actor=officer,
        customer=customer,
        provider=provider,
        support_wanted="Wants work in retail",
        agreed_on=TODAY,
        booking=booking,
    )


def booking(days=1, adviser="Ash Adviser") -> Booking:
    return Booking(
        on=TODAY + timedelta(days=days), at=time(10, 30), adviser=adviser, place="Job hub"
    )


def received_copy(provider, sent: Referral) -> Referral:
    with inside(provider):
        return Referral.objects.get(public_id=sent.public_id)


def adviser_at(provider, role="adviser"):
    with inside(provider):
        return user_with(role)


def appointment_booked(provider, sent: Referral, adviser, days=0) -> Appointment:
    """The provider's adviser books the referred customer in `days` from today."""
    with inside(provider):
        return appointment_book(
            actor=adviser,
            referral=received_copy(provider, sent),
            on=TODAY + timedelta(days=days),
            at=time(9, 0),
            adviser=adviser,
            place="Library",
        )

"""Fictional borough-to-provider demo: Northmoor's housing officer refers residents to
Pathway, which books, records attendance and takes one of them through training and a
qualification into a job. Idempotent (bin/up runs it every time)."""

from datetime import date, time

from django.db import transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from customers.models import CustomerReferral, Interest, NotInterestedReason, StepKind
from customers.services import customer_create, customer_record_interest
from customers.services.appointments import appointment_book, appointment_record_status
from customers.services.outcomes import outcome_step_record
from customers.services.referring import Booking, customer_refer
from referrals.models import Referral
from tenants.accounts.models import User
from tenants.models import Partner


def employment_demo_seed() -> None:
    # All or nothing: a half-made demo would block the next run's housing references.
    with transaction.atomic():
        _seed()


def _seed() -> None:
    borough = Partner.objects.filter(slug="northmoor").first()
    provider = Partner.objects.filter(slug="pathway").first()
    if borough is None or provider is None:
        return
    today = timezone.localdate()
    with schema_context(borough.schema_name):
        if CustomerReferral.objects.exists():
            return
        officer = User.objects.get(username="housing-officer")
        people = [
            ("Casey", "Marlow", "M1 1AE", "NM-10001"),
            ("Devon", "Hartley", "M1 2AB", "NM-10002"),
            ("Ellis", "Brookes", "M1 3AF", "NM-10003"),
            ("Frankie", "Dale", "M1 4BT", "NM-10004"),
            ("Gale", "Okonjo", "M1 5JQ", "NM-10005"),
        ]
        customers = []
        for first, last, postcode, reference in people:
            customer = customer_create(
                actor=officer,
                first_name=first,
                last_name=last,
                postcode=postcode,
                phone="07700 900" + reference[-3:],
                housing_reference=reference,
                date_of_birth=date(1990, 1, 1),
            )
            customers.append(customer)
        for customer in [*customers[:2], *customers[3:]]:
            customer_record_interest(
                actor=officer, customer=customer, interest=Interest.INTERESTED, on=today
            )
        customer_record_interest(
            actor=officer,
            customer=customers[2],
            interest=Interest.NOT_INTERESTED,
            on=today,
            reasons=list(NotInterestedReason.objects.filter(is_active=True)[:1]),
        )
        request = customer_refer(
            actor=officer,
            customer=customers[0],
            provider=provider,
            support_wanted="Looking for warehouse work; no recent CV.",
            agreed_on=today,
        )
        customer_refer(
            actor=officer,
            customer=customers[1],
            provider=provider,
            support_wanted="Wants a first-aid course.",
            agreed_on=today,
            booking=Booking(on=today, at=time(14, 0), adviser="Pathway adviser", place="Hub"),
        )
        # For the home pages: one the adviser books for this afternoon, one still waiting
        # for the provider to book.
        afternoon = customer_refer(
            actor=officer,
            customer=customers[3],
            provider=provider,
            support_wanted="Wants help with a forklift licence.",
            agreed_on=today,
        )
        customer_refer(
            actor=officer,
            customer=customers[4],
            provider=provider,
            support_wanted="Looking for part-time care work.",
            agreed_on=today,
        )
    with schema_context(provider.schema_name):
        adviser = User.objects.get(username="adviser")
        received = Referral.objects.get(public_id=request.public_id)
        appointment = appointment_book(
            actor=adviser,
            referral=received,
            on=today,
            at=time(10, 0),
            adviser=adviser,
            place="Pathway hub, Northmoor library",
        )
        appointment_record_status(actor=adviser, appointment=appointment, status="attended")
        appointment_book(
            actor=adviser,
            referral=Referral.objects.get(public_id=afternoon.public_id),
            on=today,
            at=time(16, 0),
            adviser=adviser,
            place="Pathway hub, Northmoor library",
        )
        for kind, details in (
            (StepKind.INTERVENTION, {"intervention": "cv"}),
            (StepKind.TRAINING_STARTED, {"course": "Warehouse operations"}),
            (StepKind.TRAINING_COMPLETED, {"course": "Warehouse operations"}),
            (StepKind.QUALIFICATION, {"qualification": "Warehousing", "level": "Level 2"}),
            (StepKind.EMPLOYMENT, {"hours": "37", "employment_type": "full_time"}),
        ):
            outcome_step_record(
                actor=adviser, referral=received, kind=kind, on=today, details=details
            )

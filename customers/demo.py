"""Fictional borough-to-provider demo: Northmoor's housing officer refers residents to
Pathway, which books, records attendance and takes one of them through training and a
qualification into a job. Idempotent (bin/up runs it every time)."""

from datetime import date, time

from django.db import transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from customers.models import Customer, CustomerReferral, Interest, NotInterestedReason, StepKind
from customers.services import customer_create, customer_record_interest
from customers.services.appointments import appointment_book, appointment_record_status
from customers.services.outcomes import outcome_step_record
from customers.services.referring import Booking, customer_refer
from referrals.models import Referral
from referrals.types import EMPLOYMENT_SUPPORT
from tenants.accounts.models import User
from tenants.models import Partner

# One resident recorded twice by the housing office (the name spelt two ways, the same
# date of birth and phone), for the champion's "Duplicate customers".
RECORDED_TWICE = [("Jordan", "Pryce", "NM-10006"), ("Jordon", "Price", "")]
TWICE_BORN = date(1985, 3, 14)


def duplicate_customers_demo_seed(*, officer) -> None:
    """Idempotent: nothing once a customer with that date of birth exists."""
    if Customer.objects.filter(date_of_birth=TWICE_BORN).exists():
        return
    with transaction.atomic():  # both or neither: the guard above looks for either
        for first, last, reference in RECORDED_TWICE:
            customer_create(
                actor=officer,
                first_name=first,
                last_name=last,
                date_of_birth=TWICE_BORN,
                postcode="M4 6JD",
                phone="07700 900654",
                housing_reference=reference,
            )


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


# --- Training copies of a borough or a provider (tenants.services.training) ---
#
# Made-up residents and their referrals, of the copy's own kind. A copy has no other
# side: its referrals name a made-up partner but point at the copy itself, so any step
# practised on them through the exchange stays inside the copy and never reaches a live
# partner (the directory never offers a training copy either).

SAMPLE_BOROUGH = "Sample Borough Council (made up)"
SAMPLE_PROVIDER = "Sample Skills Provider (made up)"
TRAINING_RESIDENTS = [
    # first, last, postcode, housing reference, what they want
    ("Alex", "Sample", "M1 1AE", "TR-0001", "Warehouse work; no recent CV."),
    ("Billie", "Example", "M1 2AB", "TR-0002", "A first-aid course."),
    ("Charlie", "Madeup", "M1 3AF", "TR-0003", "Help with interviews."),
    ("Dana", "Pretend", "M1 4AD", "TR-0004", ""),
]


def _training_referral(*, direction: str, other_name: str, person: dict, wanted: str, by: str):
    from datetime import timedelta

    from referrals.services.exchange.common import current_partner

    now = timezone.now()
    return Referral.objects.create(
        direction=direction,
        referral_type=EMPLOYMENT_SUPPORT,
        other_partner_id=current_partner().pk,  # the copy itself: nothing leaves it
        other_partner_name=other_name,
        payload={"person": person, "details": {"support_wanted": wanted}},
        basis="Consent given (made-up training record)",
        sent_at=now - timedelta(days=3),
        sent_by_name=by,
        respond_by=now + timedelta(days=2),
    )


def training_customers_seed(*, kind, recorder, manager=None) -> None:
    """Registered with tenants.hooks: a borough's or provider's training copy."""
    if kind == "borough":
        borough_training_seed(officer=recorder)
    elif kind == "provider":
        provider_training_seed(adviser=recorder)


def borough_training_seed(*, officer) -> None:
    """A borough's copy: made-up customers with their answers, and employment referrals
    already sent for two of them, with the steps a provider would have copied back."""
    from referrals.models import ReferralEvent

    today = timezone.localdate()
    customers = []
    for first, last, postcode, reference, _ in TRAINING_RESIDENTS:
        customers.append(
            customer_create(
                actor=officer,
                first_name=first,
                last_name=last,
                postcode=postcode,
                phone="07700 900" + reference[-3:],
                housing_reference=reference,
                date_of_birth=date(1990, 1, 1),
            )
        )
    for customer in customers[:3]:
        customer_record_interest(
            actor=officer, customer=customer, interest=Interest.INTERESTED, on=today
        )
    customer_record_interest(
        actor=officer,
        customer=customers[3],
        interest=Interest.NOT_INTERESTED,
        on=today,
        reasons=list(NotInterestedReason.objects.filter(is_active=True)[:1]),
    )
    for customer, (_, _, _, _, wanted) in list(zip(customers, TRAINING_RESIDENTS, strict=True))[:2]:
        person = {
            "first_name": customer.first_name,
            "last_name": customer.last_name,
            "phone": customer.phone,
            "postcode_district": customer.postcode.split(" ")[0],
        }
        sent = _training_referral(
            direction="sent",
            other_name=SAMPLE_PROVIDER,
            person=person,
            wanted=wanted,
            by=officer.get_full_name(),
        )
        CustomerReferral.objects.create(customer=customer, referral=sent)
        ReferralEvent.objects.create(
            referral=sent, action="sent", partner_name=SAMPLE_BOROUGH, by_name="Sample officer"
        )
    first = CustomerReferral.objects.order_by("pk").first().referral
    ReferralEvent.objects.create(
        referral=first,
        action="attended appointment",
        partner_name=SAMPLE_PROVIDER,
        by_name="Sample adviser",
        detail=f"The appointment of {today:%d/%m/%Y} at 10:00: attended.",
    )
    _sample_step(first, StepKind.FIRST_ATTENDED, today)


def provider_training_seed(*, adviser) -> None:
    """A provider's copy: made-up employment referrals received from a made-up borough,
    one waiting to be booked, one booked for later in the week, one attended."""
    from datetime import timedelta

    from customers.models import Appointment

    today = timezone.localdate()
    received = []
    for first, last, postcode, _, wanted in TRAINING_RESIDENTS[:3]:
        person = {
            "first_name": first,
            "last_name": last,
            "phone": "07700 900000",
            "postcode_district": postcode.split(" ")[0],
        }
        received.append(
            _training_referral(
                direction="received",
                other_name=SAMPLE_BOROUGH,
                person=person,
                wanted=wanted,
                by="Sample housing officer",
            )
        )
    for referral, (on, status) in zip(
        received[1:],
        ((today + timedelta(days=3), "booked"), (today - timedelta(days=7), "attended")),
        strict=True,
    ):
        Appointment.objects.create(
            referral=referral,
            on=on,
            at=time(10, 0),
            adviser=adviser,
            adviser_name=adviser.get_full_name(),
            place="Sample hub, made-up library",
            status=status,
            booked_by_name=adviser.get_full_name(),
        )
        if status == "attended":
            _sample_step(referral, StepKind.FIRST_ATTENDED, on)


def _sample_step(referral, kind, on) -> None:
    from customers.models import OutcomeStep

    OutcomeStep.objects.create(
        referral=referral,
        kind=kind,
        on=on,
        summary=f"{StepKind(kind).label} ({on:%d/%m/%Y})",
        recorded_by_name="Sample adviser",
    )

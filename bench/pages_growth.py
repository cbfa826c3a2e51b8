"""Growing every demo partner to N times its records, through the same services the demo
seed uses (for bench/pages.py: the same pages timed at demo size and at N times it)."""

import sys

# The demo partners grown: a family centre, a support line, a borough and its provider.
DEMO_SLUGS = ["riverside", "brightline", "northmoor", "pathway"]


def grow(scale: int) -> None:
    from django_tenants.utils import schema_context

    from tenants.accounts.models import User
    from tenants.models import Partner

    copies = scale - 1
    partners = {p.slug: p for p in Partner.objects.filter(slug__in=DEMO_SLUGS)}
    with schema_context(partners["riverside"].schema_name):
        users = User.objects.in_bulk(["practitioner", "manager"], field_name="username")
        _grow_family_centre(users["practitioner"], users["manager"], copies)
    with schema_context(partners["brightline"].schema_name):
        _grow_support_line(User.objects.get(username="call-handler"), copies)
    _grow_employment(partners["northmoor"], partners["pathway"], copies)


def _every(copies: int, index: int, what: str) -> None:
    if index % 10 == 0 or index == copies:
        print(f"\r  {what}: {index}/{copies}", end="", file=sys.stderr, flush=True)
        if index == copies:
            print(file=sys.stderr)


def _names():

    from bench.names import NamePicker

    return NamePicker(16)


def _grow_family_centre(practitioner, manager, copies: int) -> None:
    from datetime import date, timedelta

    from casework.demo import FAMILIES, demo_family_add
    from casework.models import Attendance, Programme, Service, ServiceDelivery
    from casework.safeguarding.services.cases import case_open
    from casework.services.engagements import engagement_open

    programme = Programme.objects.get(name="Riverside Families")
    service = Service.objects.get(programme=programme, name__endswith="Stay & Play session")
    names = _names()
    today = date.today()
    for index in range(1, copies + 1):
        for number, (_, child_name, parent_name, postcode, pattern) in enumerate(FAMILIES):
            surname = names.surname()
            child = demo_family_add(practitioner, today, surname, child_name, parent_name, postcode)
            engagement = engagement_open(
                actor=practitioner,
                contact=child,
                programme=programme,
                start_date=today - timedelta(days=35),
                referral_source="Health visitor",
                referral_date=today - timedelta(days=40),
            )
            ServiceDelivery.objects.bulk_create(
                ServiceDelivery(
                    engagement=engagement,
                    service=service,
                    date=today - timedelta(weeks=weeks_ago - 1, days=1),
                    attendance=Attendance(attendance),
                    duration_minutes=90,
                    recorded_by=practitioner,
                )
                for weeks_ago, attendance in zip(range(len(pattern), 0, -1), pattern, strict=True)
            )
            if number < 2:  # as the demo: two concerns for every four families
                case_open(
                    actor=practitioner,
                    engagement=engagement,
                    threshold="high" if number == 0 else "low",
                    description="Fictional concern (bench).",
                    raised_with="Morgan Manager",
                    actions_agreed="Observe and record.",
                    opened_on=today - timedelta(days=6 if number == 0 else 30),
                )
        _every(copies, index, "family centre")


def _grow_support_line(handler, copies: int) -> None:
    from datetime import date, timedelta

    from casework.models import Consent
    from referrals.services.callers import caller_create
    from referrals.services.cases import case_create, case_note_add, local_referral_add
    from referrals.services.review import case_mark_ready

    names = _names()
    today = date.today()
    for index in range(1, copies + 1):
        caller = caller_create(
            actor=handler,
            consent=Consent.GIVEN,
            consent_decided_on=today - timedelta(days=1),
            first_name=names.first_name(),
            last_name=names.surname(),
            phone=f"07700 9{index:05d}",
            postcode="M1 1AE",
        )
        case = case_create(actor=handler, caller=caller, title="Food parcel")
        case_note_add(actor=handler, case=case, text="Needs food for the week (bench).")
        local_referral_add(
            actor=handler,
            case=case,
            response_type="food",
            details={"household_size": 2, "dietary_needs": "None"},
        )
        case_mark_ready(actor=handler, case=case)
        caller_create(
            actor=handler, consent=Consent.REFUSED, consent_decided_on=today, postcode_district="UK"
        )
        _every(copies, index, "support line")


def _grow_employment(borough, provider, copies: int) -> None:
    from datetime import date, time

    from django_tenants.utils import schema_context

    from customers.models import Interest
    from customers.services import customer_create, customer_record_interest
    from customers.services.appointments import appointment_book, appointment_record_status
    from customers.services.referring import Booking, customer_refer
    from referrals.models import Referral
    from tenants.accounts.models import User

    names = _names()
    today = date.today()
    for index in range(1, copies + 1):
        with schema_context(borough.schema_name):
            officer = User.objects.get(username="housing-officer")
            customers = [
                customer_create(
                    actor=officer,
                    first_name=names.first_name(),
                    last_name=names.surname(),
                    postcode="M1 1AE",
                    phone=f"07700 8{index:03d}{n:02d}",
                    housing_reference=f"NM-B{index:04d}{n}",
                    date_of_birth=date(1990, 1, 1),
                )
                for n in range(3)
            ]
            for customer in customers[:2]:
                customer_record_interest(
                    actor=officer, customer=customer, interest=Interest.INTERESTED, on=today
                )
            request = customer_refer(
                actor=officer,
                customer=customers[0],
                provider=provider,
                support_wanted="Warehouse work (bench).",
                agreed_on=today,
            )
            customer_refer(
                actor=officer,
                customer=customers[1],
                provider=provider,
                support_wanted="A first-aid course (bench).",
                agreed_on=today,
                booking=Booking(on=today, at=time(14, 0), adviser="Pathway adviser", place="Hub"),
            )
        with schema_context(provider.schema_name):
            adviser = User.objects.get(username="adviser")
            appointment = appointment_book(
                actor=adviser,
                referral=Referral.objects.get(public_id=request.public_id),
                on=today,
                at=time(10, 0),
                adviser=adviser,
                place="Hub",
            )
            appointment_record_status(actor=adviser, appointment=appointment, status="attended")
        _every(copies, index, "borough and provider")

"""Fictional support-line demo data and directory entries, so the round trip from the
demo support line to the demo borough and provider works in `bin/up`."""

from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django_tenants.utils import get_public_schema_name, schema_context

from casework.access.models import RecordType
from casework.access.services import read_log
from casework.models import Consent, Contact
from referrals import types
from referrals.agreements.selectors import agreement_covering
from referrals.models import SignpostCategory, SupportCase
from referrals.services.callers import caller_create
from referrals.services.cases import (
    case_create,
    case_note_add,
    case_support_update,
    local_referral_add,
    signpost_add,
)
from referrals.services.directory_import import directory_feed_import_by_platform
from referrals.services.exchange import local_referral_send
from referrals.services.review import case_mark_ready, case_return
from tenants.accounts.models import User
from tenants.directory_cache import published_directory_changed
from tenants.models import DirectoryEntry, DirectoryLocation, Partner

DIRECTORY = {
    # slug: (referral types, regions, districts, response hours)
    "northmoor": ([types.FOOD, types.MEDICATION, types.TRANSPORT], ["north_west"], [], 24),
    "pathway": (
        [types.BEFRIENDING, types.OTHER, types.FOOD, types.EMPLOYMENT_SUPPORT],
        ["north_west", "london"],
        ["B33"],
        48,
    ),
}

# What the published directory (/oruk/) says of each demo service; made-up places, and
# phone numbers from Ofcom's range kept for drama.
SERVICES = {
    "northmoor": {
        "name": "Northmoor food and medicine help",
        "description": "Food parcels, prescription collection and lifts to appointments for "
        "people in Northmoor who cannot get out.",
        "eligibility": "Adults in the North West who are isolating, unwell or caring.",
        "fees": "",
        "how_to_access": "Referral from a partner through Casebridge, or ring the hub.",
        "phone": "0161 496 0123",
        "service_types": [
            "food-pantry",
            "food-delivery",
            "prescriptions",
            "transport-to-appointments",
        ],
        "location": {
            "name": "Northmoor Community Hub",
            "address": "12 Mill Lane",
            "city": "Northmoor",
            "postcode": "M4 5AB",
            "postcode_district": "M4",
            "region": "north_west",
            "opening_hours": "Monday to Friday, 9am to 5pm",
        },
    },
    "pathway": {
        "name": "Pathway befriending and work support",
        "description": "Weekly befriending calls and one-to-one help towards work.",
        "eligibility": "Adults in the North West and London; employment support by referral.",
        "fees": "",
        "how_to_access": "Referral from a partner through Casebridge.",
        "phone": "020 7946 0456",
        "service_types": ["companionship", "help-find-work", "skills-and-training"],
        "location": None,
    },
}


def directory_demo_seed() -> None:
    with schema_context(get_public_schema_name()):
        for slug, (types, regions, districts, hours) in DIRECTORY.items():
            partner = Partner.objects.filter(slug=slug).first()
            if partner is not None:
                entry = DirectoryEntry.objects.filter(partner=partner).order_by("pk").first()
                if entry is None:
                    entry = DirectoryEntry.objects.create(
                        partner=partner,
                        referral_types=types,
                        regions=regions,
                        districts=districts,
                        response_hours=hours,
                    )
                # A demo made before a referral type existed gains it (and keeps its own).
                missing = [t for t in types if t not in entry.referral_types]
                if missing:
                    entry.referral_types = [*entry.referral_types, *missing]
                    entry.save(update_fields=["referral_types"])
                _describe(entry, SERVICES.get(slug))
    _council_feed_import()
    published_directory_changed()


# A made-up council's Open Referral feed, kept with the tests; its services are the
# demo's external services (signposted to by the support line).
COUNCIL_FEED = Path(settings.BASE_DIR) / "tests" / "referrals" / "oruk_feeds"


def _council_feed_import() -> None:
    """Imported again on each seeding: updates by the feed's ids, never duplicates."""
    files = sorted(COUNCIL_FEED.glob("ashvale_services_page*.json"))
    if files:
        directory_feed_import_by_platform(
            feed="Ashvale Borough Council", pages=[(f.name, f.read_bytes()) for f in files]
        )


def _describe(entry: DirectoryEntry, facts: dict | None) -> None:
    """A demo entry made before the directory spoke Open Referral gains its words (a
    description someone wrote since is kept)."""
    if facts is None or entry.description:
        return
    facts = dict(facts)
    place = facts.pop("location")
    for field, value in facts.items():
        setattr(entry, field, value)
    entry.save()
    if place and not entry.locations.exists():
        DirectoryLocation.objects.create(entry=entry, **place)


def support_line_demo_seed(*, handler, data_team=None) -> None:
    """Idempotent: callers, one case waiting for the data team, one it returned and one
    with safeguarding activated."""
    if SupportCase.objects.exists() or Contact.objects.filter(created_by=handler).exists():
        return
    today = date.today()
    caller = caller_create(
        actor=handler,
        consent=Consent.GIVEN,
        consent_decided_on=today - timedelta(days=1),
        first_name="Robin",
        last_name="Ashdown",
        phone="07700 900456",
        postcode="M1 1AE",
    )
    case = case_create(actor=handler, caller=caller, title="Food parcel")
    case_note_add(
        actor=handler,
        case=case,
        text="Isolating after an operation; no family nearby. Needs food for the week.",
    )
    signpost_add(actor=handler, case=case, category=SignpostCategory.objects.get(name="Housing"))
    local_referral_add(
        actor=handler,
        case=case,
        response_type=types.FOOD,
        details={"household_size": 2, "dietary_needs": "Diabetic"},
    )
    case_mark_ready(actor=handler, case=case)
    caller_create(
        actor=handler, consent=Consent.REFUSED, consent_decided_on=today, postcode_district="UK"
    )
    if data_team is not None:
        _returned_and_safeguarding(handler=handler, data_team=data_team, today=today)


def _returned_and_safeguarding(*, handler, data_team, today) -> None:
    """For the home pages: a case the data team returned with a comment (the call
    handler's), and one where safeguarding was activated (the supervisor's)."""
    caller = caller_create(
        actor=handler,
        consent=Consent.GIVEN,
        consent_decided_on=today,
        first_name="Jamie",
        last_name="Lindqvist",
        phone="07700 900789",
        postcode="M1 2AB",
    )
    case = case_create(actor=handler, caller=caller, title="Lift to hospital")
    local_referral_add(
        actor=handler,
        case=case,
        response_type="transport",
        details={"destination": "Northmoor General Hospital"},
    )
    case_mark_ready(actor=handler, case=case)
    case_return(
        actor=data_team,
        case=case,
        comment="Please add the date and time of the appointment before it goes to transport.",
    )
    worried = case_create(actor=handler, caller=caller, title="Worried about a neighbour's child")
    case_support_update(
        actor=handler,
        case=worried,
        psychosocial_support=True,
        safeguarding_activated=True,
        safeguarding_reason="Caller heard a young child left alone overnight (fictional demo).",
        feedback_consent=False,
    )


# The support line's demo referral already sent on (to the borough, under the demo's
# agreement): its case, its caller and what the caller needs.
SENT_ON_TITLE = "Prescription collection"


def support_line_referral_demo_seed() -> None:
    """After the agreements (agreements_demo_seed): one case the data team has sent to
    Northmoor, so the borough's "Referrals received" and the support line's sent
    referrals, and who has seen it, are not empty. Idempotent, by the case's title."""
    sender = Partner.objects.filter(slug="brightline").first()
    receiver = Partner.objects.filter(slug="northmoor").first()
    if sender is None or receiver is None:
        return
    # A demo whose agreement someone ended keeps working without it (nothing half-made).
    if agreement_covering(sender=sender, receiver=receiver, referral_type=types.MEDICATION) is None:
        return
    with schema_context(sender.schema_name), transaction.atomic():
        if SupportCase.objects.filter(title=SENT_ON_TITLE).exists():
            return
        handler = User.objects.get(username="call-handler")
        data_team = User.objects.get(username="data-team")
        today = date.today()
        caller = caller_create(
            actor=handler,
            consent=Consent.GIVEN,
            consent_decided_on=today,
            first_name="Avery",
            last_name="Thornton",
            phone="07700 900567",
            postcode="M4 7QR",
        )
        case = case_create(actor=handler, caller=caller, title=SENT_ON_TITLE)
        local = local_referral_add(
            actor=handler,
            case=case,
            response_type=types.MEDICATION,
            details={
                "pharmacy": "Mill Lane Pharmacy, Northmoor",
                "prescription_ready": "yes",
                "collection_date": today + timedelta(days=1),
            },
        )
        case_mark_ready(actor=handler, case=case)
        sent = local_referral_send(actor=data_team, local_referral=local, receiver=receiver)
        # As when the data team opens it under Referrals sent (who looked at it).
        read_log(actor=data_team, record_type=RecordType.REFERRAL, public_ids=[sent.public_id])

"""Referral types the exchange carries, declared once. Each names the fields of its own
details and the person fields the receiver needs: the payload sent is exactly these
(minimised), nothing else of the sender's record. Borough-to-provider referrals add
their types here."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DetailField:
    name: str
    label: str
    kind: str = "text"  # text, integer, yesno, date
    hint: str = ""


@dataclass(frozen=True)
class ReferralType:
    key: str
    label: str
    details: tuple[DetailField, ...] = ()
    # Person fields copied to the receiver (when the person consented to share them).
    person_fields: tuple[str, ...] = ("first_name", "last_name", "phone", "postcode_district")
    # Which partner kinds may send it (support line: local referrals).
    local_response: bool = True
    extra: dict = field(default_factory=dict)
    # The usual time from sending to the work being done (the completion deadline); the
    # answer's deadline is the receiving service's own (its directory entry).
    completion_days: int = 14


# The keys, spelled once: code that means a type names its constant.
FOOD = "food"
MEDICATION = "medication"
TRANSPORT = "transport"
BEFRIENDING = "befriending"
OTHER = "other"
EMPLOYMENT_SUPPORT = "employment-support"

PERSON_FIELD_LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "phone": "Phone",
    "postcode_district": "Postcode district",
    "region": "Region",
}

_TYPES = [
    ReferralType(
        FOOD,
        "Food",
        (
            DetailField("household_size", "How many people in the household", "integer"),
            DetailField("dietary_needs", "Dietary needs", hint="Allergies, halal, vegetarian …"),
        ),
        completion_days=7,
    ),
    ReferralType(
        MEDICATION,
        "Medication",
        (
            DetailField("pharmacy", "Pharmacy", hint="Name and town of the pharmacy"),
            DetailField("prescription_ready", "Is the prescription ready?", "yesno"),
            DetailField("collection_date", "Collection date", "date"),
        ),
        completion_days=3,
    ),
    ReferralType(
        TRANSPORT,
        "Transport",
        (
            DetailField("destination", "Where to", hint="For example, the hospital"),
            DetailField("travel_date", "Date of travel", "date"),
        ),
        completion_days=7,
    ),
    ReferralType(BEFRIENDING, "Befriending", (), completion_days=28),
    ReferralType(
        OTHER,
        "Other practical support",
        (DetailField("need", "What is needed"),),
    ),
    # Borough to provider: a request (the provider contacts the resident and books) or a
    # direct booking the officer made by phone (the appointment fields filled in).
    ReferralType(
        EMPLOYMENT_SUPPORT,
        "Employment and training support",
        (
            DetailField("support_wanted", "What support they want", hint="Work, training …"),
            DetailField("appointment_date", "Appointment date", "date"),
            DetailField("appointment_time", "Appointment time"),
            DetailField("adviser", "Adviser"),
            DetailField("place", "Place"),
        ),
        local_response=False,
        completion_days=56,
    ),
]

REFERRAL_TYPES: dict[str, ReferralType] = {t.key: t for t in _TYPES}


def referral_type_choices(*, local_only: bool = False) -> list[tuple[str, str]]:
    return [(t.key, t.label) for t in _TYPES if t.local_response or not local_only]

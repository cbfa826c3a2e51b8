"""The partner directory (public schema): a partner's service in Open Referral UK terms,
which referral types it takes, where, and how fast. Kept by the partner's managers or
platform managers; published read-only at /oruk/ (referrals/views/oruk.py)."""

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django_tenants.utils import get_public_schema_name, schema_context

from referrals.types import REFERRAL_TYPES
from tenants import policy
from tenants.accounts.services.audit import audit_record
from tenants.directory_cache import published_directory_changed
from tenants.models import DirectoryEntry, DirectoryLocation, Partner, Region, ServiceStatus
from tenants.service_types import service_types as standard_taxonomy
from tenants.services.reference import district_normalise, region_for

# The service's published words, and how long each may be.
TEXT_LIMITS = {
    "name": 200,
    "description": 2000,
    "eligibility": 1000,
    "fees": 500,
    "how_to_access": 1000,
    "phone": 30,
}
LOCATION_LIMITS = {"name": 200, "address": 300, "city": 100, "opening_hours": 300}
MAX_LOCATIONS = 20
WAIT_WEEKS_MAX = 104
COMPLETION_DAYS_MAX = 365
_KEEP = object()


def directory_entry_update(
    *,
    actor,
    partner: Partner,
    referral_types: list[str],
    regions: list[str],
    districts: list[str],
    accepting: bool,
    response_hours: int,
    reason: str = "",
    service: dict | None = None,
    service_type_codes: list[str] | None = None,
    locations: list[dict] | None = None,
    wait_weeks=_KEEP,
    completion_days=_KEEP,
    entry: DirectoryEntry | None = None,
    new: bool = False,
) -> DirectoryEntry:
    """A partner keeps its own entry (managing roles); platform managers keep anyone's.
    Each change is in the audit history of whoever made it (the partner's, or the
    platform's), before and after, with the reason given. `service` (its published words:
    name, description, eligibility, fees, how_to_access, status, url, email, phone),
    `service_type_codes` and `locations` are left as they are when not given.

    Capacity: `accepting` False is closed to referrals; accepting with `wait_weeks` is a
    waiting list of that many weeks (None: no waiting list; left as it is when not given).
    Deadlines: `response_hours` to answer; `completion_days` to complete the work (None:
    each referral type's own; left as it is when not given).
    A partner may have several services: `entry` is the one to change (its first when
    not given), `new` adds another."""
    policy.check_keep_directory_entry(actor, partner)
    if entry is not None and entry.partner_id != partner.pk:
        raise ValidationError({"__all__": "That service is not this partner's."})
    errors = {}
    service = _service_clean(service, errors) if service is not None else None
    if service_type_codes is not None:
        known = {t.code for t in standard_taxonomy().terms}
        if [c for c in service_type_codes if c not in known]:
            errors["service_types"] = "Choose service types from the list."
    if locations is not None:
        locations = _locations_clean(locations, errors)
    unknown = [t for t in referral_types if t not in REFERRAL_TYPES]
    if unknown:
        errors["referral_types"] = f"Unknown referral types: {', '.join(unknown)}."
    if [r for r in regions if r not in Region.values]:
        errors["regions"] = "Choose regions from the list."
    cleaned = []
    for district in districts:
        try:
            cleaned.append(district_normalise(district))
        except ValidationError:
            errors["districts"] = f"“{district}” is not a postcode district (like SW1A or M1)."
        else:
            if region_for(cleaned[-1]) is None:
                errors["districts"] = (
                    f"“{cleaned[-1]}” is not in a known UK postcode area: check it, or ask "
                    "platform staff to add the area."
                )
    if wait_weeks is not _KEEP and wait_weeks is not None:
        if not accepting:
            wait_weeks = None  # closed: no waiting list to state
        elif not isinstance(wait_weeks, int) or not 1 <= wait_weeks <= WAIT_WEEKS_MAX:
            errors["wait_weeks"] = f"Enter a wait between 1 and {WAIT_WEEKS_MAX} weeks."
    if response_hours is None or not 1 <= response_hours <= 24 * 30:
        errors["response_hours"] = "Enter a response time between 1 and 720 hours."
    if completion_days is not _KEEP and completion_days is not None:
        if not isinstance(completion_days, int) or not 1 <= completion_days <= COMPLETION_DAYS_MAX:
            errors["completion_days"] = (
                f"Enter a completion time between 1 and {COMPLETION_DAYS_MAX} days, or leave "
                "it blank for each referral type's usual time."
            )
    if errors:
        raise ValidationError(errors)
    if len((reason or "").strip()) > 500:
        raise ValidationError({"reason": "Keep the reason to 500 characters or fewer."})
    with transaction.atomic():
        with schema_context(get_public_schema_name()):
            entry = _entry_locked(partner, entry, new)
            before = _entry_facts(entry)
            entry.referral_types = sorted(set(referral_types))
            entry.regions = sorted(set(regions))
            entry.districts = sorted(set(cleaned))
            entry.accepting = accepting
            if not accepting:
                entry.wait_weeks = None
            elif wait_weeks is not _KEEP:
                entry.wait_weeks = wait_weeks
            entry.response_hours = response_hours
            if completion_days is not _KEEP:
                entry.completion_days = completion_days
            if not entry.name and service is None:
                entry.name = partner.name
            for field, value in (service or {}).items():
                setattr(entry, field, value)
            if service_type_codes is not None:
                entry.service_types = sorted(set(service_type_codes))
            entry.save()
            if locations is not None:
                _locations_replace(entry, locations)
            after = _entry_facts(entry)
        if before != after:
            audit_record(
                actor=actor,
                actor_is_platform=policy.is_platform_user(actor),
                action="directory.entry_changed",
                before=before,
                after=after,
                detail=f"{partner.name}: {(reason or '').strip()}"[:300].rstrip(": "),
            )
            published_directory_changed()
    return entry


def _entry_locked(partner, entry, new) -> DirectoryEntry:
    if new:
        return DirectoryEntry(partner=partner)
    mine = (
        DirectoryEntry.objects.select_for_update(of=("self",))
        .filter(partner=partner)
        .order_by("pk")
    )
    if entry is not None:
        return mine.get(pk=entry.pk)
    return mine.first() or DirectoryEntry(partner=partner)


def _service_clean(service: dict, errors: dict) -> dict:
    unknown = set(service) - {*TEXT_LIMITS, "status", "url", "email"}
    if unknown:
        raise ValueError(f"Unknown service fields: {', '.join(sorted(unknown))}")
    cleaned = {k: (service.get(k) or "").strip() for k in service}
    for field, limit in TEXT_LIMITS.items():
        if len(cleaned.get(field, "")) > limit:
            errors[field] = f"Keep it to {limit} characters or fewer."
    if "name" in cleaned and not cleaned["name"]:
        errors["name"] = "Enter the service's name, as people know it."
    if "status" in cleaned and cleaned["status"] not in ServiceStatus.values:
        errors["status"] = "Choose whether the service is running."
    if cleaned.get("url"):
        try:
            URLValidator(schemes=["https", "http"])(cleaned["url"])
        except ValidationError:
            errors["url"] = "Enter the website's full address, like https://example.org/food."
    if cleaned.get("email"):
        try:
            EmailValidator()(cleaned["email"])
        except ValidationError:
            errors["email"] = "Enter an email address like referrals@example.org."
    return cleaned


def _locations_clean(locations: list[dict], errors: dict) -> list[dict]:
    if len(locations) > MAX_LOCATIONS:
        errors["locations"] = f"A service lists at most {MAX_LOCATIONS} places."
        return []
    cleaned = []
    for place in locations:
        row = {k: (place.get(k) or "").strip() for k in (*LOCATION_LIMITS, "postcode")}
        for field, limit in LOCATION_LIMITS.items():
            if len(row[field]) > limit:
                errors[f"location_{field}"] = f"Keep it to {limit} characters or fewer."
        if not row["name"]:
            errors["location_name"] = "Enter the name of the place, like “Northmoor Hub”."
        try:
            district = district_normalise(row["postcode"])
        except ValidationError:
            errors["location_postcode"] = (
                f"“{row['postcode']}” is not a postcode: enter the place's full postcode, "
                "like M1 1AE."
            )
            continue
        if district == "UK" or len(row["postcode"].replace(" ", "")) < 5:
            errors["location_postcode"] = "Enter the place's full postcode, like M1 1AE."
            continue
        compact = row["postcode"].replace(" ", "").upper()
        row["postcode"] = f"{compact[:-3]} {compact[-3:]}"
        row["postcode_district"] = district
        row["region"] = region_for(district) or ""
        cleaned.append(row)
    return cleaned


def _locations_replace(entry: DirectoryEntry, locations: list[dict]) -> None:
    """The places in the order given; a place keeps its published ids by position, so a
    corrected address is the same place to the directory's readers."""
    existing = list(entry.locations.order_by("position", "id"))
    for position, row in enumerate(locations):
        place = existing[position] if position < len(existing) else DirectoryLocation(entry=entry)
        for field, value in row.items():
            setattr(place, field, value)
        place.position = position
        place.save()
    for place in existing[len(locations) :]:
        place.delete()


def _entry_facts(entry: DirectoryEntry) -> dict:
    return {
        "referral_types": list(entry.referral_types),
        "regions": list(entry.regions),
        "districts": list(entry.districts),
        "accepting": entry.accepting,
        "wait_weeks": entry.wait_weeks,
        "response_hours": entry.response_hours,
        "completion_days": entry.completion_days,
        **{field: getattr(entry, field) for field in (*TEXT_LIMITS, "status", "url", "email")},
        "service_types": list(entry.service_types),
        "locations": [
            f"{p.name}, {p.address}, {p.city}, {p.postcode} ({p.opening_hours})"
            for p in (entry.locations.all() if entry.pk else ())
        ],
    }

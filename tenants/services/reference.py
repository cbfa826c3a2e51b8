"""Reference data in the public schema: postcode areas and districts → UK regions, and the
partner directory. Public facts and routing only: never anything about a person."""

import csv
import io
import re
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django_tenants.utils import get_public_schema_name, schema_context

from tenants import policy
from tenants.models import DirectoryEntry, Partner, PostcodeDistrict, Region

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "postcode_districts.csv"
# Outward code: area letters, district digit(s), optional letter ("SW1A", "M1", "B33"), or "UK".
DISTRICT_RE = re.compile(r"^([A-Z]{1,2})([0-9][0-9A-Z]?)?$")
FULL_POSTCODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")
UK = "UK"


def district_normalise(value: str) -> str:
    """'sw1a' / 'SW1A 1AA' / ' m1 ' → the outward code; raises naming the field otherwise."""
    compact = re.sub(r"\s+", " ", (value or "").strip().upper())
    outward = compact.split(" ")[0] if compact else ""
    whole = compact.replace(" ", "")
    if FULL_POSTCODE_RE.match(whole):
        outward = whole[:-3]  # a full postcode, with or without its space
    if not outward or not DISTRICT_RE.match(outward):
        raise ValidationError(
            {
                "postcode_district": (
                    f"“{value}” is not a postcode district: enter the first part of the postcode, "
                    "like SW1A or M1, or UK if the caller gave none."
                )
            }
        )
    return outward


def region_for(district: str) -> str | None:
    """The region of a postcode district: its own entry first, then its area's. Reads public
    from whichever schema is current (public is on every partner's search path)."""
    district = district.strip().upper()
    if not district:
        return None
    match = DISTRICT_RE.match(district)
    area = match.group(1) if match else district
    with schema_context(get_public_schema_name()):
        rows = dict(
            PostcodeDistrict.objects.filter(code__in={district, area}).values_list("code", "region")
        )
    return rows.get(district) or rows.get(area)


def _check_platform(actor) -> None:
    if actor is not None and not (
        policy.is_platform_user(actor) and actor.has_perm(policy.PERM_CHANGE_PARTNER)
    ):
        raise PermissionDenied("Only platform managers keep the postcode reference data.")


def postcode_districts_import(*, actor, text: str | None = None) -> int:
    """Load "code,region" rows (the shipped file when no text is given): adds new codes and
    changes regions of existing ones, all or nothing. actor=None for the management command."""
    _check_platform(actor)
    if text is None:
        text = DATA_FILE.read_text(encoding="utf-8")
    rows, errors = {}, []
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or {"code", "region"} - set(reader.fieldnames):
        raise ValidationError({"file": "The file needs a header row with code and region."})
    for line, row in enumerate(reader, start=2):
        code = (row.get("code") or "").strip().upper()
        region = (row.get("region") or "").strip()
        if not DISTRICT_RE.match(code):
            errors.append(f"Line {line}: “{code}” is not a postcode area or district.")
        elif region not in Region.values:
            errors.append(f"Line {line}: “{region}” is not one of the regions.")
        else:
            rows[code] = region
    if errors:
        raise ValidationError({"file": errors[:20]})
    if not rows:
        raise ValidationError({"file": "The file has no rows."})
    with schema_context(get_public_schema_name()), transaction.atomic():
        existing = {p.code: p for p in PostcodeDistrict.objects.select_for_update()}
        changed = []
        for code, region in rows.items():
            if code not in existing:
                PostcodeDistrict.objects.create(code=code, region=region)
                changed.append(code)
            elif existing[code].region != region:
                existing[code].region = region
                existing[code].save(update_fields=["region", "updated_at"])
                changed.append(code)
    return len(changed)


def postcode_district_set(*, actor, code: str, region: str) -> PostcodeDistrict:
    """Platform staff correct or add one code."""
    _check_platform(actor)
    if actor is None:
        raise PermissionDenied("Sign in as platform staff.")
    code = code.strip().upper()
    if not DISTRICT_RE.match(code):
        raise ValidationError({"code": f"“{code}” is not a postcode area or district."})
    if region not in Region.values:
        raise ValidationError({"region": "Choose a region."})
    with transaction.atomic():
        row, _ = PostcodeDistrict.objects.select_for_update().get_or_create(
            code=code, defaults={"region": region}
        )
        if row.region != region:
            row.region = region
            row.save(update_fields=["region", "updated_at"])
    return row


# --- the partner directory ---------------------------------------------------------------


def directory_entry_update(
    *,
    actor,
    partner: Partner,
    referral_types: list[str],
    regions: list[str],
    districts: list[str],
    accepting: bool,
    response_hours: int,
) -> DirectoryEntry:
    """A partner keeps its own entry (managing roles); platform managers keep anyone's."""
    from referrals.types import REFERRAL_TYPES

    own = connection.schema_name == partner.schema_name
    if not (
        (own and actor.has_perm("accounts.manage_roles"))
        or (policy.is_platform_user(actor) and actor.has_perm(policy.PERM_CHANGE_PARTNER))
    ):
        raise PermissionDenied("Only the partner's managers keep its directory entry.")
    errors = {}
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
    if response_hours is None or not 1 <= response_hours <= 24 * 30:
        errors["response_hours"] = "Enter a response time between 1 and 720 hours."
    if errors:
        raise ValidationError(errors)
    with schema_context(get_public_schema_name()), transaction.atomic():
        entry, _ = DirectoryEntry.objects.select_for_update().get_or_create(partner=partner)
        entry.referral_types = sorted(set(referral_types))
        entry.regions = sorted(set(regions))
        entry.districts = sorted(set(cleaned))
        entry.accepting = accepting
        entry.response_hours = response_hours
        entry.save()
    return entry

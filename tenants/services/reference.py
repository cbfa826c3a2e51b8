"""Reference data in the public schema: postcode areas and districts → UK regions (the
partner directory's entries are kept by referrals.services.directory). Public facts only:
never anything about a person."""

import csv
import io
import re
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_tenants.utils import get_public_schema_name, schema_context

from tenants import policy
from tenants.models import PostcodeDistrict, Region

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


_regions: ContextVar[dict | None] = ContextVar("regions_remembered", default=None)


@contextmanager
def regions_remembered():
    """Within it, region_for reads each district once (an import's rows name the same few
    districts over and over; the reference data does not change during it)."""
    token = _regions.set({})
    try:
        yield
    finally:
        _regions.reset(token)


def region_for(district: str) -> str | None:
    """The region of a postcode district: its own entry first, then its area's. Reads public
    from whichever schema is current (public is on every partner's search path)."""
    district = district.strip().upper()
    if not district:
        return None
    known = _regions.get()
    if known is None:
        return _region_read(district)
    if district not in known:
        known[district] = _region_read(district)
    return known[district]


def _region_read(district: str) -> str | None:
    match = DISTRICT_RE.match(district)
    area = match.group(1) if match else district
    with schema_context(get_public_schema_name()):
        rows = dict(
            PostcodeDistrict.objects.filter(code__in={district, area}).values_list("code", "region")
        )
    return rows.get(district) or rows.get(area)


def _check_platform(actor) -> None:
    if actor is not None and not policy.can_keep_reference_data(actor):
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

"""The one postcode function: every form and service that takes a postcode (contacts,
households, callers, customers, directory entries) calls `postcode_parse`. It formats
("sw1a1aa" → "SW1A 1AA"), checks the shape Royal Mail uses, checks the area is a known
UK postcode area (the reference data in public: tenants.PostcodeDistrict) and finds the
district's region. An unknown area ("NM2 1AA") is refused where it is typed, with the
reason, so nothing downstream (the directory's routing) meets a postcode it cannot place."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

# Outward code (area, district) and inward code (sector, unit), as Royal Mail formats them.
POSTCODE_SHAPE = re.compile(r"^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][ABD-HJLNP-UW-Z]{2})$")
AREA_RE = re.compile(r"^([A-Z]{1,2})")


@dataclass(frozen=True)
class Postcode:
    full: str  # "SW1A 1AA"
    district: str  # "SW1A"
    area: str  # "SW"
    region: str  # tenants.Region value


def postcode_compact(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def postcode_format(compact: str) -> str:
    return f"{compact[:-3]} {compact[-3:]}"


def postcode_parse(value: str, *, field: str = "postcode") -> Postcode:
    """'sw1a1aa' → Postcode('SW1A 1AA', 'SW1A', 'SW', 'london'). Raises ValidationError on
    `field` when it is not a UK postcode or its area is not a UK postcode area."""
    from tenants.services.reference import region_for

    compact = postcode_compact(value)
    if not POSTCODE_SHAPE.match(compact):
        raise ValidationError({field: f"“{value}” is not a UK postcode (for example SW1A 1AA)."})
    full = postcode_format(compact)
    district = full.split(" ")[0]
    area = AREA_RE.match(district).group(1)
    region = region_for(district)
    if region is None:
        raise ValidationError(
            {
                field: f"“{full}” is not in a known UK postcode area: {area} is not one. "
                "Check the postcode with the person."
            }
        )
    return Postcode(full=full, district=district, area=area, region=region)


def normalise_postcode(value: str, *, field: str = "postcode") -> str:
    """The formatted postcode, checked as postcode_parse checks it."""
    return postcode_parse(value, field=field).full

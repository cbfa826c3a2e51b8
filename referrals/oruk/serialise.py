"""Directory rows → Open Referral UK JSON (the shapes of the profile's compiled schemas,
kept under tests/referrals/oruk_schemas/). Only a service's public facts: no contact
person is published (HSDS contacts name people), only the service's own email, phone
and website."""

from tenants.models import DirectoryEntry, DirectoryLocation, Region

from .taxonomies import (
    REFERRAL_TYPES_KEY,
    PublishedTaxonomy,
    PublishedTerm,
    derived_id,
    taxonomies,
    term_id,
)


def _present(data: dict) -> dict:
    """Leave out optional fields with no value (the schemas type them as strings)."""
    return {k: v for k, v in data.items() if v not in ("", None)}


def organisation(entry: DirectoryEntry) -> dict:
    partner = entry.partner
    return {
        "id": str(partner.public_id),
        "name": partner.name,
        "description": partner.get_kind_display(),
    }


def _terms(entry: DirectoryEntry) -> list[PublishedTerm]:
    by_code = {(t.taxonomy_key, t.code): t for tax in taxonomies() for t in tax.terms}
    keys = [(REFERRAL_TYPES_KEY, code) for code in entry.referral_types]
    keys += [(tax.key, code) for tax in taxonomies()[1:] for code in entry.service_types]
    return [by_code[k] for k in keys if k in by_code]


def taxonomy_term(term: PublishedTerm) -> dict:
    tax = next(t for t in taxonomies() if t.key == term.taxonomy_key)
    return _present(
        {
            "id": term.id,
            "name": term.name,
            "description": term.description,
            "parent_id": term_id(term.taxonomy_key, term.parent_code) if term.parent_code else "",
            "taxonomy": tax.name,
            "taxonomy_id": tax.id,
            "term": term.code,
        }
    )


def taxonomy(tax: PublishedTaxonomy) -> dict:
    return _present(
        {
            "id": tax.id,
            "name": tax.name,
            "description": tax.description,
            "uri": tax.uri,
            "version": tax.version,
        }
    )


def alert(entry: DirectoryEntry) -> str:
    """Capacity, in the service's `alert` (words): the profile of HSDS 3.0 that these
    answers validate against has no capacity field (HSDS 3.1's service_capacity is not in
    it), so a closed service or a waiting list is said in words and nothing else is added."""
    if not entry.accepting:
        return "Not taking new referrals at the moment."
    if entry.wait_weeks is not None:
        weeks = "1 week" if entry.wait_weeks == 1 else f"{entry.wait_weeks} weeks"
        return f"Taking referrals, with a waiting list of about {weeks}."
    return ""


def service_summary(entry: DirectoryEntry) -> dict:
    """The one-to-one fields of a service (the list's shape), with its organisation."""
    return _present(
        {
            "id": str(entry.public_id),
            "organization_id": str(entry.partner.public_id),
            "name": entry.service_name,
            "description": entry.description,
            "url": entry.url,
            "email": entry.email,
            "status": entry.status,
            "fees": entry.fees,
            "fees_description": entry.fees,
            "eligibility_description": entry.eligibility,
            "application_process": entry.how_to_access,
            "alert": alert(entry),
            "last_modified": entry.updated_at.isoformat(),
            "organization": organisation(entry),
        }
    )


def service_areas(entry: DirectoryEntry) -> list[dict]:
    areas = [
        ("region", code, Region(code).label) for code in entry.regions if code in Region.values
    ]
    areas += [("postcode district", code, code) for code in entry.districts]
    service_id = str(entry.public_id)
    return [
        {
            "id": derived_id("service_area", service_id, kind, code),
            "service_id": service_id,
            "name": label,
            "extent_type": kind,
            "service_area": label,
        }
        for kind, code, label in areas
    ]


def location(place: DirectoryLocation) -> dict:
    location_id = str(place.location_public_id)
    region = Region(place.region).label if place.region in Region.values else ""
    return {
        "id": location_id,
        "location_type": "physical",
        "name": place.name,
        "addresses": [
            _present(
                {
                    "id": derived_id("address", location_id),
                    "location_id": location_id,
                    "address_1": place.address or place.name,
                    "city": place.city or place.postcode_district,
                    "region": region,
                    "state_province": region or "United Kingdom",
                    "postal_code": place.postcode,
                    "country": "GB",
                    "address_type": "physical",
                }
            )
        ],
    }


def _schedules(place: DirectoryLocation, service_id: str) -> list[dict]:
    if not place.opening_hours:
        return []
    return [
        {
            "id": derived_id("schedule", str(place.public_id)),
            "service_id": service_id,
            "service_at_location_id": str(place.public_id),
            "description": place.opening_hours,
        }
    ]


def service_at_location(place: DirectoryLocation, entry: DirectoryEntry, *, nested=True) -> dict:
    service_id = str(entry.public_id)
    data = {
        "id": str(place.public_id),
        "service_id": service_id,
        "location_id": str(place.location_public_id),
        "location": location(place),
    }
    if nested:
        data["schedules"] = _schedules(place, service_id)
    else:
        data["service"] = service_summary(entry)
    return data


def service_full(entry: DirectoryEntry) -> dict:
    service_id = str(entry.public_id)
    places = list(entry.locations.all())
    data = service_summary(entry)
    data.update(
        {
            "service_areas": service_areas(entry),
            "service_at_locations": [service_at_location(p, entry) for p in places],
            "schedules": [s for p in places for s in _schedules(p, service_id)],
            "phones": (
                [
                    {
                        "id": derived_id("phone", service_id),
                        "service_id": service_id,
                        "number": entry.phone,
                    }
                ]
                if entry.phone
                else []
            ),
            "attributes": [
                {
                    "id": derived_id("attribute", service_id, term.id),
                    "link_id": service_id,
                    "link_type": "service",
                    "link_entity": "service",
                    "taxonomy_term_id": term.id,
                    "taxonomy_term": taxonomy_term(term),
                }
                for term in _terms(entry)
            ],
            "contacts": [],
            "languages": [],
            "funding": [],
            "cost_options": [],
        }
    )
    return data

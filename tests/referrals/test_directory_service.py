"""Keeping a directory entry in Open Referral's terms: the service's words, its standard
service types and its places, checked and saved together (or not at all)."""

import pytest
from django.core.exceptions import ValidationError

from referrals.services.directory import directory_entry_update
from tenants.accounts.models import AuditEntry, User
from tenants.models import DirectoryEntry

ROUTING = {
    "referral_types": ["food"],
    "regions": ["north_west"],
    "districts": ["M4"],
    "accepting": True,
    "response_hours": 24,
}
HUB = {
    "name": "Kappa Hub",
    "address": "1 Mill Lane",
    "city": "Northmoor",
    "postcode": "m45ab",
    "opening_hours": "Weekdays",
}


@pytest.fixture
def manager(platform):
    return User.objects.get(username="platform-manager")


def test_the_service_its_types_and_places_are_kept(manager, partner_c):
    entry = directory_entry_update(
        actor=manager,
        partner=partner_c,
        **ROUTING,
        service={
            "name": " Kappa pantry ",
            "description": "Food parcels.",
            "eligibility": "Families",
            "fees": "",
            "how_to_access": "Ring us",
            "status": "active",
            "url": "https://kappa.example.org",
            "email": "pantry@kappa.example.org",
            "phone": "0161 496 0002",
        },
        service_type_codes=["food-pantry", "food-pantry", "meals"],
        locations=[HUB, {**HUB, "name": "Kappa Annexe", "postcode": "SW1A 1AA"}],
        reason="New leaflet",
    )
    entry.refresh_from_db()
    assert entry.name == "Kappa pantry" and entry.service_types == ["food-pantry", "meals"]
    hub, annexe = entry.locations.all()
    assert (hub.postcode, hub.postcode_district, hub.region) == ("M4 5AB", "M4", "north_west")
    assert (annexe.postcode_district, annexe.region) == ("SW1A", "london")
    audit = AuditEntry.objects.filter(action="directory.entry_changed").latest("pk")
    assert audit.after["name"] == "Kappa pantry" and len(audit.after["locations"]) == 2
    # A corrected address is the same place to the directory's readers; a dropped one goes.
    ids = hub.public_id, hub.location_public_id
    directory_entry_update(
        actor=manager,
        partner=partner_c,
        **ROUTING,
        locations=[{**HUB, "address": "2 Mill Lane"}],
    )
    (moved,) = entry.locations.all()
    assert (moved.public_id, moved.location_public_id, moved.address) == (*ids, "2 Mill Lane")
    entry.refresh_from_db()
    assert entry.name == "Kappa pantry"  # not given: left as it was


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"service": {"name": ""}}, "name", "Enter the service's name"),
        ({"service": {"status": "open"}}, "status", "Choose whether the service is running"),
        ({"service": {"url": "kappa dot org"}}, "url", "full address"),
        ({"service": {"email": "not-an-address"}}, "email", "email address like"),
        ({"service": {"description": "x" * 2001}}, "description", "2000 characters"),
        ({"service_type_codes": ["wizardry"]}, "service_types", "from the list"),
        ({"locations": [{**HUB, "postcode": "nowhere"}]}, "location_postcode", "not a postcode"),
        ({"locations": [{**HUB, "postcode": "M4"}]}, "location_postcode", "full postcode"),
        ({"locations": [{**HUB, "name": ""}]}, "location_name", "name of the place"),
        ({"locations": [HUB] * 21}, "locations", "at most 20"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(manager, partner_c, change, field, words):
    before = DirectoryEntry.objects.get(partner=partner_c)
    with pytest.raises(ValidationError) as refused:
        directory_entry_update(actor=manager, partner=partner_c, **ROUTING, **change)
    assert words in " ".join(refused.value.message_dict[field])
    after = DirectoryEntry.objects.get(partner=partner_c)
    assert (after.name, after.districts, after.locations.count()) == (
        before.name,
        before.districts,
        0,
    )

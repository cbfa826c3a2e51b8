"""One postcode function: format, shape, known UK postcode area, district → region;
every form and service that takes a postcode refuses an unknown area where it is typed."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tenants.postcodes import Postcode, postcode_parse

UNKNOWN_AREA = "is not in a known UK postcode area: NM is not one"


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("sw1a1aa", Postcode("SW1A 1AA", "SW1A", "SW", "london")),
        (" M1  1AE ", Postcode("M1 1AE", "M1", "M", "north_west")),
        ("b338th", Postcode("B33 8TH", "B33", "B", "west_midlands")),
        ("ls1 4ap", Postcode("LS1 4AP", "LS1", "LS", "yorkshire")),
    ],
)
def test_a_postcode_is_formatted_and_placed(db, typed, parsed):
    assert postcode_parse(typed) == parsed


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("NM2 1AA", UNKNOWN_AREA),
        ("nm21aa", UNKNOWN_AREA),
        ("12345", "is not a UK postcode"),
        ("SW1A", "is not a UK postcode"),
        ("SW1A 1AAA", "is not a UK postcode"),
    ],
)
def test_a_postcode_that_cannot_be_placed_is_refused_naming_the_field(db, typed, reason):
    with pytest.raises(ValidationError) as refused:
        postcode_parse(typed, field="new-postcode")
    assert reason in refused.value.message_dict["new-postcode"][0]


def test_every_service_taking_a_postcode_refuses_an_unknown_area(partner_a, partner_b):
    """Contacts, households, callers and directory entries alike (customers: in
    tests/customers/test_dead_ends.py, beside their borough)."""
    from django.db import connection

    from casework.models import Contact, Household
    from casework.services.contacts import contact_create
    from casework.services.households import household_address_update
    from referrals.services.callers import caller_create
    from referrals.services.directory import directory_entry_update
    from tenants.models import DirectoryEntry
    from tests.casework.screens import new_child, user_with

    connection.set_tenant(partner_a)
    practitioner = user_with("practitioner")
    with pytest.raises(ValidationError, match=UNKNOWN_AREA):
        contact_create(
            actor=practitioner, kind="adult", first_name="A", last_name="B", postcode="NM2 1AA"
        )
    assert not Contact.objects.exists()
    child = new_child(practitioner)
    with pytest.raises(ValidationError, match=UNKNOWN_AREA):
        household_address_update(
            actor=practitioner,
            household=child.household,
            address_line_1="1 Road",
            postcode="NM21AA",
        )
    assert Household.objects.get(pk=child.household_id).postcode == "SW1A 1AA"
    manager = user_with("manager")
    with pytest.raises(ValidationError, match="NM2") as refused:
        directory_entry_update(
            actor=manager,
            partner=partner_a,
            referral_types=[],
            regions=[],
            districts=["NM2"],
            accepting=True,
            response_hours=48,
        )
    assert "districts" in refused.value.message_dict
    assert not DirectoryEntry.objects.filter(partner=partner_a, districts__contains=["NM2"])

    connection.set_tenant(partner_b)
    handler = user_with("call-handler")
    with pytest.raises(ValidationError, match=UNKNOWN_AREA):
        caller_create(
            actor=handler,
            consent="given",
            first_name="Ria",
            last_name="Moss",
            postcode="NM2 1AA",
            consent_decided_on=date.today(),
        )

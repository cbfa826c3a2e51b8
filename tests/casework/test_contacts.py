from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from casework.models import Contact, ContactKind, Household, Relationship
from casework.selectors import contact_matches
from casework.services.contacts import contact_create, contact_move_household
from casework.services.households import (
    household_address_update,
    household_name_for,
    normalise_postcode,
)
from casework.services.relationships import relationship_create


def adult(actor, last_name, household=None, first_name="Alex", **extra):
    return contact_create(
        actor=actor,
        kind=ContactKind.ADULT,
        first_name=first_name,
        last_name=last_name,
        adult_role="parent",
        household=household,
        **extra,
    )


def test_postcodes_are_validated_and_normalised(db):
    assert normalise_postcode(" sw1a1aa ") == "SW1A 1AA"
    assert normalise_postcode("m1 1ae") == "M1 1AE"
    for bad in ["12345", "SW1A", "ZZZZ ZZZ", "SW1A 1AAA"]:
        with pytest.raises(ValidationError, match="is not a UK postcode"):
            normalise_postcode(bad)


def test_household_names_follow_surnames_in_order_of_joining(practitioner):
    first = adult(practitioner, "Bunny")
    household = first.household
    assert household.name == "Bunny Household"
    adult(practitioner, "Bunny", household=household, first_name="Jo")
    household.refresh_from_db()
    assert household.name == "Bunny Household"  # same surname: no change
    adult(practitioner, "Smith", household=household)
    household.refresh_from_db()
    assert household.name == "Bunny and Smith Household"
    adult(practitioner, "Jones", household=household)
    household.refresh_from_db()
    assert household.name == "Bunny, Smith and Jones Household"
    assert household_name_for([]) == "Household"


def test_one_address_per_household_changes_for_every_member(practitioner, child):
    parent = adult(practitioner, "Bunny", household=child.household)
    household_address_update(
        actor=practitioner,
        household=child.household,
        address_line_1="2 Burrow Road",
        postcode="m11ae",
    )
    for contact in (child, parent):
        contact.refresh_from_db()
        assert contact.household.address_line_1 == "2 Burrow Road"
        assert contact.household.postcode == "M1 1AE"
    with pytest.raises(ValidationError, match="not a UK postcode"):
        household_address_update(
            actor=practitioner, household=child.household, address_line_1="x", postcode="nope"
        )


def test_a_member_living_elsewhere_moves_to_another_household(practitioner, child):
    parent = adult(practitioner, "Smith", household=child.household)
    assert child.household.members.count() == 2
    contact_move_household(actor=practitioner, contact=parent)
    parent.refresh_from_db()
    child.household.refresh_from_db()
    assert parent.household != child.household
    assert parent.household.name == "Smith Household"
    assert child.household.name == "Bunny Household"


def test_children_need_a_date_of_birth_and_bad_input_names_the_field(practitioner):
    with pytest.raises(ValidationError) as caught:
        contact_create(
            actor=practitioner,
            kind=ContactKind.CHILD,
            first_name="",
            last_name="X",
            email="nope",
            unique_pupil_number="123",
            postcode="bad",
        )
    errors = caught.value.message_dict
    assert "date of birth" in errors["date_of_birth"][0]
    assert errors["first_name"] == ["Enter the first name."]
    assert "email" in errors and "unique_pupil_number" in errors and "postcode" in errors
    assert not Contact.objects.exists() and not Household.objects.exists()


def test_client_ids_are_unique_and_sequential_per_partner(practitioner):
    ids = [adult(practitioner, f"Name{i}").client_id for i in range(3)]
    assert len(set(ids)) == 3
    assert ids == sorted(ids) and ids[0].startswith("CB-")


def test_relationships_are_reciprocal(practitioner, child):
    parent = adult(practitioner, "Bunny", household=child.household)
    relationship_create(actor=practitioner, contact=parent, other=child, kind="mother")
    assert Relationship.objects.get(contact=parent, other=child).kind == "mother"
    assert Relationship.objects.get(contact=child, other=parent).kind == "child"
    with pytest.raises(ValidationError, match="already recorded"):
        relationship_create(actor=practitioner, contact=parent, other=child, kind="mother")
    with pytest.raises(ValidationError, match="themselves"):
        relationship_create(actor=practitioner, contact=child, other=child, kind="sibling")


def test_find_before_create_finds_typo_variants_and_says_what_matched(practitioner):
    dob = date.today() - timedelta(days=2000)
    target = contact_create(
        actor=practitioner,
        kind=ContactKind.CHILD,
        first_name="Jessica",
        last_name="Whitmore",
        date_of_birth=dob,
        phone="07700 900123",
        postcode="SW1A 1AA",
    )
    adult(practitioner, "Unrelated", first_name="Zed")
    for first, last in [
        ("Jesica", "Whitmore"),
        ("Jessica", "Witmore"),
        ("Whitmore", "Jessica"),
        ("Jessika", "Whitmoore"),
    ]:
        found = dict(contact_matches(user=practitioner, first_name=first, last_name=last))
        assert target in found, (first, last)
    swapped = dict(contact_matches(user=practitioner, first_name="Whitmore", last_name="Jessica"))
    assert "names swapped" in swapped[target]
    by_details = dict(
        contact_matches(user=practitioner, date_of_birth=dob, phone="+44 7700 900123")
    )
    assert {"date of birth", "phone"} <= set(by_details[target])
    assert contact_matches(user=practitioner, first_name="Completely", last_name="Different") == []

"""Relationships read the right way from both people: every kind's other half is its
inverse, worded by the pronouns recorded; duplicates and contradictions are refused;
a wrong one is removed with a reason, both halves together, and History shows it; the
data migration makes today's rows consistent pairs."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection

from casework import selectors, selectors_history
from casework.models import GENDERED, INVERSE, ROLE, Relationship, RelationshipType
from casework.services.contacts import contact_create
from casework.services.relationships import relationship_create, relationship_remove
from tests.casework.screens import body, new_child
from tests.searching import searched


@pytest.fixture
def sam(owner):
    return new_child(owner)


CONSISTENT = importlib.import_module("casework.migrations.0010_relationship_pairs_consistent")


def person(actor, first, last="Doyle", pronouns=""):
    return contact_create(
        actor=actor, kind="adult", first_name=first, last_name=last, pronouns=pronouns
    )


@pytest.mark.parametrize("kind", RelationshipType.values)
@pytest.mark.parametrize("pronouns", ["", "she/her", "he/him", "they/them"])
def test_every_kind_has_its_inverse_on_the_other_side(practitioner, kind, pronouns):
    kate = person(practitioner, "Kate")
    john = person(practitioner, "John", "Smith", pronouns=pronouns)
    half = relationship_create(actor=practitioner, contact=kate, other=john, kind=kind)
    other_half = Relationship.objects.get(contact=john, other=kate)
    assert half.inverse_id == other_half.pk and other_half.inverse_id == half.pk
    assert ROLE[other_half.kind] == INVERSE[ROLE[kind]]
    assert INVERSE[ROLE[other_half.kind]] == ROLE[kind]  # inverse of the inverse
    words = GENDERED.get(INVERSE[ROLE[kind]])
    if words:  # a parent's or child's word follows the pronouns; none → the role itself
        gender = {"she/her": "female", "he/him": "male"}.get(pronouns)
        assert other_half.kind == words.get(gender, INVERSE[ROLE[kind]])


def test_kate_is_johns_mother_reads_both_ways(practitioner):
    kate = person(practitioner, "Kate", pronouns="she/her")
    john = person(practitioner, "John", "Smith", pronouns="he/him")
    ada = person(practitioner, "Ada", "Smith")
    relationship_create(actor=practitioner, contact=kate, other=john, kind="mother")
    relationship_create(actor=practitioner, contact=kate, other=ada, kind="mother")
    assert (
        str(Relationship.objects.get(contact=kate, other=john))
        == "Kate Doyle is John Smith's mother"
    )
    assert (
        str(Relationship.objects.get(contact=john, other=kate)) == "John Smith is Kate Doyle's son"
    )
    assert (
        str(Relationship.objects.get(contact=ada, other=kate)) == "Ada Smith is Kate Doyle's child"
    )
    # From the child's side too: "John is Kate's son" derives "Kate is John's mother".
    mia = person(practitioner, "Mia", "Smith", pronouns="she/her")
    relationship_create(actor=practitioner, contact=mia, other=kate, kind="daughter")
    assert Relationship.objects.get(contact=kate, other=mia).kind == "mother"


def test_duplicates_and_contradictions_are_refused_and_nothing_is_saved(practitioner):
    kate, john = person(practitioner, "Kate"), person(practitioner, "John", "Smith")
    relationship_create(actor=practitioner, contact=kate, other=john, kind="mother")
    before = Relationship.objects.count()
    with pytest.raises(
        ValidationError, match="already recorded: Kate Doyle is John Smith's mother"
    ):
        relationship_create(actor=practitioner, contact=kate, other=john, kind="parent")
    for contact, other, kind in [
        (kate, john, "sibling"),
        (john, kate, "sibling"),
        (john, kate, "father"),
    ]:
        with pytest.raises(ValidationError, match="Remove that relationship first") as refused:
            relationship_create(actor=practitioner, contact=contact, other=other, kind=kind)
        assert "kind" in refused.value.message_dict
    with pytest.raises(ValidationError, match="Choose how they are related"):
        relationship_create(actor=practitioner, contact=kate, other=john, kind="aunt")
    with pytest.raises(ValidationError, match="themselves"):
        relationship_create(actor=practitioner, contact=kate, other=kate, kind="sibling")
    assert Relationship.objects.count() == before


def test_a_wrong_relationship_is_removed_both_ways_with_a_reason(practitioner):
    kate, john = person(practitioner, "Kate"), person(practitioner, "John", "Smith")
    half = relationship_create(actor=practitioner, contact=kate, other=john, kind="sibling")
    with pytest.raises(ValidationError) as refused:
        relationship_remove(actor=practitioner, relationship=half, reason="  ")
    assert "reason" in refused.value.message_dict
    assert Relationship.objects.current().count() == 2
    relationship_remove(actor=practitioner, relationship=half.inverse, reason="Entered in error")
    rows = Relationship.objects.filter(contact__in=[kate, john])
    assert rows.count() == 2  # nothing deleted
    assert all(r.removed_at and r.removed_by == practitioner for r in rows)
    assert {r.removal_reason for r in rows} == {"Entered in error"}
    assert not selectors.relationships_of(user=practitioner, contact=kate).exists()
    with pytest.raises(ValidationError, match="already been removed"):
        relationship_remove(actor=practitioner, relationship=half, reason="again")
    # The right one can now be recorded.
    relationship_create(actor=practitioner, contact=kate, other=john, kind="mother")
    _, page = selectors_history.contact_history(user=practitioner, public_id=john.public_id)
    removed = [e for e in page.object_list if e.what.startswith("Relationship removed")]
    assert removed and removed[0].who == practitioner.get_full_name()
    assert removed[0].reason == "Entered in error"
    assert any(e.what.startswith("Relationship added: Child of Kate") for e in page.object_list)


@pytest.mark.owner_role  # drops and recreates an index: the owner's work
def test_the_data_migration_makes_todays_rows_consistent_pairs(practitioner):
    """Rows in today's shape: halves unlinked, a missing other half, a contradiction and a
    duplicate beside the first relationship recorded."""
    kate = person(practitioner, "Kate", pronouns="she/her")
    john = person(practitioner, "John", "Smith", pronouns="he/him")
    ada = person(practitioner, "Ada", "Smith")
    sam = person(practitioner, "Sam", "Smith")
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX relationship_one_current")  # rolled back with the test
    make = Relationship.objects.create
    first = make(contact=kate, other=john, kind="mother")
    make(contact=john, other=kate, kind="child")  # today's reciprocal, unlinked
    duplicate = make(contact=kate, other=john, kind="parent")
    contradiction = make(contact=john, other=kate, kind="sibling")
    lonely = make(contact=kate, other=ada, kind="grandparent")  # no other half
    sibling = make(contact=ada, other=sam, kind="sibling")
    sibling_back = make(contact=sam, other=ada, kind="sibling")

    CONSISTENT.make_pairs_consistent(apps, None)

    current = Relationship.objects.current()
    with connection.cursor() as cursor:  # the rows now satisfy the rule 0011 adds
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "CREATE UNIQUE INDEX relationship_one_current ON casework_relationship "
            "(contact_id, other_id) WHERE removed_at IS NULL"
        )
    assert current.count() == 6
    for half in current:
        assert half.inverse.inverse_id == half.pk
        assert ROLE[half.inverse.kind] == INVERSE[ROLE[half.kind]]
    first.refresh_from_db()
    assert first.kind == "mother" and first.inverse.kind == "child"  # kept as recorded
    for wrong in (duplicate, contradiction):
        wrong.refresh_from_db()
        assert wrong.removed_at and "repeated or contradicted" in wrong.removal_reason
    lonely.refresh_from_db()
    assert lonely.inverse.contact_id == ada.pk and lonely.inverse.kind == "grandchild"
    sibling.refresh_from_db()
    assert sibling.inverse_id == sibling_back.pk
    CONSISTENT.make_pairs_consistent(apps, None)  # a second run changes nothing
    assert Relationship.objects.current().count() == 6


def test_the_screens_record_and_remove_a_relationship(owner_client, owner, sam):
    kate = person(owner, "Kate", pronouns="she/her")
    page = body(owner_client.get(f"/contacts/{sam.public_id}/"))
    assert "is Sam Bunny&#x27;s" in page  # the sentence's label
    found = body(searched(owner_client, f"/contacts/{sam.public_id}/", rq="Doyle"))
    assert f'<option value="{kate.public_id}"' in found
    response = owner_client.post(
        f"/contacts/{sam.public_id}/", {"other": str(kate.public_id), "kind": "mother"}
    )
    assert response.status_code == 302
    page = body(owner_client.get(f"/contacts/{sam.public_id}/", follow=True))
    assert "Kate Doyle</a> is Sam Bunny's mother" in page
    url = f"/contacts/{sam.public_id}/relationships/{kate.public_id}/remove/"
    confirm = body(owner_client.get(url))
    assert "Kate Doyle is Sam Bunny&#x27;s mother" in confirm
    refused = owner_client.post(url, {"reason": ""})
    assert refused.status_code == 200 and "Enter why" in body(refused)
    assert Relationship.objects.current().count() == 2
    assert owner_client.post(url, {"reason": "Entered in error"}).status_code == 302
    assert Relationship.objects.current().count() == 0
    assert owner_client.get(url).status_code == 404  # nothing current to remove
    history = body(owner_client.get(f"/contacts/{kate.public_id}/history/"))
    assert "Relationship removed" in history and "Entered in error" in history

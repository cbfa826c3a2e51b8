"""Contacts and households over HTTP: find before create, create, detail, relationships,
households and their one address, and bad input named beside its field."""

import pytest

from casework.models import Contact, ContactKind, Relationship
from casework.services.contacts import contact_create
from tests.casework.screens import (
    body,
    child_post,
    new_child,
)
from tests.searching import searched


@pytest.fixture
def sam(owner):
    return new_child(owner)


def test_find_before_create_shows_matches_and_what_matched(owner_client, sam):
    page = body(searched(owner_client, "/contacts/new/", first_name="Bunny", last_name="Sam"))
    assert 'data-testid="matches"' in page
    assert sam.display_name in page and "names swapped" in page
    assert "None of these: create a new contact" in page
    assert 'id="new-contact"' not in page  # the form comes after the search
    page = body(searched(owner_client, "/contacts/new/", postcode="SW1A1AA"))
    assert sam.client_id in page and "postcode" in page
    page = body(searched(owner_client, "/contacts/new/", first_name="Zebedee", last_name="Quixote"))
    assert 'data-testid="no-matches"' in page and "Create a new contact" in page
    page = body(
        searched(
            owner_client, "/contacts/new/?create=1", first_name="Zebedee", date_of_birth="2020-3-27"
        )
    )
    assert 'id="new-contact"' in page and 'value="Zebedee"' in page  # carried over
    assert 'value="27/3/2020"' in page


def test_find_before_create_posts_what_was_typed_so_urls_carry_no_personal_details(
    owner_client, sam
):
    import re

    page = body(owner_client.get("/contacts/new/"))
    find_form = page.split('name="private_search"')[0].rsplit("<form", 1)[1]
    assert 'method="post"' in find_form
    typed = {"first_name": "Bunny", "last_name": "Sam", "phone": "07700 900111"}
    found = searched(owner_client, "/contacts/new/", **typed)
    page = body(found)
    assert sam.display_name in page and "names swapped" in page
    assert 'data-testid="create-new"' in page and 'id="new-contact"' not in page
    found = searched(
        owner_client, "/contacts/new/", first_name="Zebedee", date_of_birth="2020-3-27"
    )
    start = re.search(r'data-testid="create-new" href="([^"]+)"', body(found)).group(1)
    assert "create=1" in start and "s=" in start
    page = body(owner_client.get("/contacts/new/" + start.replace("&amp;", "&")))
    assert 'id="new-contact"' in page and 'value="Zebedee"' in page  # carried over
    assert 'value="27/3/2020"' in page
    for url in re.findall(r'(?:action|href)="([^"]*)"', page):
        assert "Zebedee" not in url and "2020" not in url and "first_name" not in url, url
    assert not Contact.objects.filter(first_name="Zebedee").exists()  # nothing created yet


def test_a_bad_date_in_the_search_is_a_field_error(owner_client):
    response = searched(owner_client, "/contacts/new/", date_of_birth="31/02/2020")
    assert response.status_code == 200
    assert 'href="#find_date_of_birth"' in body(response)
    assert "Enter a real date" in body(response)


def test_create_a_child_then_see_alerts_watch_list_and_household(owner_client):
    response = owner_client.post("/contacts/new/?first_name=Poppy&create=1", child_post())
    assert response.status_code == 302
    contact = Contact.objects.get(first_name="Poppy")
    assert response["Location"] == f"/contacts/{contact.public_id}/"
    assert contact.kind == ContactKind.CHILD and contact.watch_list
    assert contact.household.postcode == "M1 1AE"
    page = body(owner_client.get(response["Location"]))
    assert 'data-testid="alerts"' in page and "Nut allergy" in page
    assert page.index("Nut allergy") < page.index("<h1")  # shown before anything else
    assert 'data-testid="watch-list"' in page
    assert "Field Household" in page and "Open an engagement" in page


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"date_of_birth": ""}, "date_of_birth", "Enter the child&#x27;s date of birth"),
        ({"date_of_birth": "31/02/2021"}, "date_of_birth", "Enter a real date"),
        ({"postcode": "NOT A CODE"}, "postcode", "is not a UK postcode"),
        ({"first_name": ""}, "first_name", "Enter the first name."),
        ({"kind": ""}, "kind_0", "Choose child or adult."),
        ({"email": "nope"}, "email", "Enter an email address"),
        ({"unique_pupil_number": "123"}, "unique_pupil_number", "A Unique Pupil Number is"),
        ({"consent_decided_on": "yesterday"}, "consent_decided_on", "Enter a real date"),
    ],
)
def test_bad_input_is_named_beside_its_field_and_nothing_is_created(
    owner_client, changes, field, message
):
    response = owner_client.post("/contacts/new/?create=1", child_post(**changes))
    assert response.status_code == 200
    page = body(response)
    assert message in page and f'href="#id_{field}"' in page
    assert not Contact.objects.filter(first_name="Poppy").exists()


def test_an_adult_has_no_open_engagement_button(owner_client):
    response = owner_client.post(
        "/contacts/new/?create=1",
        child_post(kind="adult", adult_role="parent", date_of_birth="", first_name="Pat"),
    )
    adult = Contact.objects.get(first_name="Pat")
    assert response.status_code == 302 and adult.adult_role == "parent"
    assert "Open an engagement" not in body(owner_client.get(f"/contacts/{adult.public_id}/"))


def test_add_a_member_from_the_household_and_change_the_address_for_all(owner_client, sam):
    household = sam.household
    page = body(owner_client.get(f"/households/{household.public_id}/"))
    assert f"/contacts/new/?household={household.public_id}" in page
    page = body(owner_client.get(f"/contacts/new/?household={household.public_id}"))
    assert 'data-testid="joining-household"' in page and 'id="new-contact"' in page
    assert 'name="address_line_1"' not in page  # the household's address is theirs
    response = owner_client.post(
        f"/contacts/new/?household={household.public_id}",
        child_post(first_name="Jane", last_name="Doe", kind="adult", adult_role="parent"),
    )
    assert response.status_code == 302
    jane = Contact.objects.get(first_name="Jane")
    assert jane.household_id == household.pk
    household.refresh_from_db()
    assert household.name == "Bunny and Doe Household"
    page = body(owner_client.get(f"/households/{household.public_id}/"))
    assert sam.display_name in page and "Jane Doe" in page
    response = owner_client.post(
        f"/households/{household.public_id}/",
        {"address_line_1": "9 New Street", "town": "Leeds", "postcode": "ls1 4ap"},
    )
    assert response.status_code == 302
    for member in (sam, jane):
        member.refresh_from_db()
        assert member.household.address_line_1 == "9 New Street"
        assert member.household.postcode == "LS1 4AP"
    response = owner_client.post(f"/households/{household.public_id}/", {"postcode": "zz"})
    assert response.status_code == 200 and "is not a UK postcode" in body(response)
    assert 'href="#id_postcode"' in body(response)


def test_bad_or_unknown_ids_are_not_found(owner_client):
    assert owner_client.get("/contacts/new/?household=not-a-uuid").status_code == 404
    assert (
        owner_client.get("/contacts/new/?household=00000000-0000-0000-0000-000000000000")
    ).status_code == 404
    assert owner_client.get("/contacts/not-a-uuid/").status_code == 404
    assert owner_client.get("/contacts/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_relationships_show_in_both_directions(owner_client, owner, sam):
    mum = contact_create(
        actor=owner,
        kind=ContactKind.ADULT,
        adult_role="parent",
        first_name="Jane",
        last_name="Bunny",
        household=sam.household,
    )
    page = body(owner_client.get(f"/contacts/{sam.public_id}/"))
    assert f'<option value="{mum.public_id}"' in page  # household members are offered
    # On Sam's page: "[Jane Bunny] is Sam Bunny's [mother]".
    response = owner_client.post(
        f"/contacts/{sam.public_id}/", {"kind": "mother", "other": str(mum.public_id)}
    )
    assert response.status_code == 302
    assert Relationship.objects.filter(contact=mum, other=sam, kind="mother").exists()
    assert "Jane Bunny</a> is Sam Bunny's mother" in body(
        owner_client.get(f"/contacts/{sam.public_id}/")
    )
    assert "Sam Bunny</a> is Jane Bunny's child" in body(
        owner_client.get(f"/contacts/{mum.public_id}/")
    )
    again = owner_client.post(
        f"/contacts/{mum.public_id}/", {"kind": "son", "other": str(sam.public_id)}
    )
    assert again.status_code == 200 and "already recorded" in body(again)
    unknown = owner_client.post(f"/contacts/{mum.public_id}/", {"kind": "mother", "other": "x"})
    assert unknown.status_code == 200 and "Choose who they are related to." in body(unknown)
    # Someone outside the household is found by search.
    other = new_child(owner, first="Olive", last="Stranger", postcode="m1 1ae")
    page = body(searched(owner_client, f"/contacts/{mum.public_id}/", rq="Strang"))
    assert f'<option value="{other.public_id}"' in page


def test_list_searches_by_name_and_client_id(owner_client, owner, sam):
    new_child(owner, first="Olive", last="Other")
    page = body(searched(owner_client, "/contacts/", q="bunny"))
    assert sam.display_name in page and "Olive" not in page
    page = body(searched(owner_client, "/contacts/", q=sam.client_id))
    assert sam.display_name in page and "Olive" not in page


@pytest.mark.parametrize("count", [5, 50])
def test_contact_list_queries_stay_bounded(
    owner_client, owner, count, django_assert_max_num_queries
):
    for n in range(count):
        new_child(owner, first=f"Kid{n}", last=f"Family{n}")
    with django_assert_max_num_queries(30):
        response = owner_client.get("/contacts/")
    assert response.status_code == 200

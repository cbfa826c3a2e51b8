"""Consultations held with one or more people: contacts (the child's household offered,
others found by searching) and people who are not contacts, named in words. A contact
sees the consultation on their record only for those who may see its engagement."""

import uuid
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from casework.models import Consultation, ConsultationParticipant, ConsultationParticipantEvent
from casework.services.engagements import consultation_create
from tests.casework.screens import body, today_text, user_with
from tests.clients import signed_in
from tests.searching import searched


def test_held_with_contacts_and_people_in_words(owner, family):
    consultation = consultation_create(
        actor=owner,
        engagement=family["engagement"],
        on=date.today(),
        method="meeting",
        held_with="School nurse",
        held_with_contacts=[family["mum"], family["nan"], family["mum"]],
        notes="Planned the next steps.",
    )
    assert set(consultation.held_with_contacts.all()) == {family["mum"], family["nan"]}
    assert consultation.held_with == "School nurse"
    # Who took part is kept in the history too.
    assert ConsultationParticipantEvent.objects.filter(pgh_label="insert").count() == 2


def test_contacts_alone_are_enough_but_someone_is_needed(owner, family):
    only_contacts = consultation_create(
        actor=owner,
        engagement=family["engagement"],
        on=date.today(),
        method="phone",
        held_with_contacts=[family["mum"]],
        notes="Called mum.",
    )
    assert only_contacts.held_with == ""
    with pytest.raises(ValidationError) as caught:
        consultation_create(
            actor=owner,
            engagement=family["engagement"],
            on=date.today(),
            method="phone",
            held_with="  ",
            notes="Nobody?",
        )
    assert "held_with" in caught.value.message_dict
    assert Consultation.objects.count() == 1


def test_screen_offers_the_household_and_finds_others(owner_client, family):
    url = f"/engagements/{family['engagement'].public_id}/consultations/new/"
    page = body(owner_client.get(url))
    assert str(family["mum"].public_id) in page and str(family["nan"].public_id) not in page
    assert str(family["sam"].public_id) not in page  # the child is who it is about
    found = searched(owner_client, url, who="Olive")
    assert str(family["nan"].public_id) in body(found)
    response = owner_client.post(
        found.address,
        {
            "date": today_text(),
            "method": "meeting",
            "held_with_contacts": [str(family["mum"].public_id), str(family["nan"].public_id)],
            "held_with": "School nurse",
            "notes": "Met at school.",
        },
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert set(consultation.held_with_contacts.all()) == {family["mum"], family["nan"]}
    page = body(owner_client.get(f"/engagements/{family['engagement'].public_id}/"))
    assert "Jane Bunny" in page and "Olive Hare" in page and "School nurse" in page


def test_screen_refuses_nobody_and_people_not_offered(owner_client, family, partner_b):
    url = f"/engagements/{family['engagement'].public_id}/consultations/new/"
    nobody = owner_client.post(url, {"date": today_text(), "method": "phone", "notes": "Hm"})
    assert nobody.status_code == 200
    assert "Say who it was held with" in body(nobody) and 'href="#id_held_with"' in body(nobody)
    # An id of no one this user may see (made up, or another partner's) is refused.
    forged = owner_client.post(
        url,
        {
            "date": today_text(),
            "method": "phone",
            "held_with_contacts": [str(uuid.uuid4())],
            "notes": "Hm",
        },
    )
    assert "Choose people from the list." in body(forged)
    assert not Consultation.objects.exists() and not ConsultationParticipant.objects.exists()
    # Someone found as the person typed (the page did not offer them) is taken.
    found = owner_client.post(
        url,
        {
            "date": today_text(),
            "method": "phone",
            "held_with_contacts": [str(family["nan"].public_id)],
            "notes": "Hm",
        },
    )
    assert found.status_code == 302
    assert list(Consultation.objects.get().held_with_contacts.all()) == [family["nan"]]


def test_find_is_a_search_step_that_keeps_what_was_entered(owner_client, family):
    url = f"/engagements/{family['engagement'].public_id}/consultations/new/"
    page = body(
        owner_client.post(
            url,
            {
                "find": "1",
                "who": "Olvie Hare",
                "date": today_text(),
                "method": "email",
                "held_with_contacts": [str(family["mum"].public_id)],
                "notes": "Kept notes",
            },
        )
    )
    assert str(family["nan"].public_id) in page and "There is a problem" not in page
    assert "Kept notes</textarea>" in page and 'value="email" checked' in page
    assert f'value="{family["mum"].public_id}" checked' in page
    assert 'data-person-search="held-with-contacts"' in page
    assert not Consultation.objects.exists()


def test_a_contacts_record_shows_consultations_only_to_those_who_may_see_them(
    owner, owner_client, family, partner_a
):
    consultation_create(
        actor=owner,
        engagement=family["engagement"],
        on=date.today(),
        method="meeting",
        held_with_contacts=[family["mum"]],
        notes="Private notes about Sam.",
    )
    mum_url = f"/contacts/{family['mum'].public_id}/"
    assert "Consultations they took part in" in body(owner_client.get(mum_url))
    manager = signed_in(partner_a, user_with("manager"))
    assert "Consultations they took part in" in body(manager.get(mum_url))
    colleague = signed_in(partner_a, user_with("practitioner"))
    page = body(colleague.get(mum_url))
    assert "Consultations they took part in" not in page
    assert str(family["engagement"].public_id) not in page
    connection.set_tenant(partner_a)

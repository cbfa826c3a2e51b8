"""Putting right who a consultation was held with, after it was recorded: a contact left
out is added, one recorded in error is removed with a reason (kept, shown on History,
left off their record); who may is the engagement's rule; bad input changes nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from casework import selectors, selectors_history
from casework.models import ConsultationParticipant
from casework.policy import CaseworkRefused
from casework.services.consultations import (
    consultation_participant_add,
    consultation_participant_remove,
)
from casework.services.engagements import consultation_create, engagement_close
from tests.casework.screens import body, user_with


@pytest.fixture
def consulted(family):
    """The household of the `family` fixture (tests/casework/conftest.py), and a consultation
    held with mum yesterday."""
    family["consultation"] = consultation_create(
        actor=family["engagement"].owner,
        engagement=family["engagement"],
        on=date.today() - timedelta(days=1),
        method="meeting",
        held_with_contacts=[family["mum"]],
        notes="Planned the next steps.",
    )
    return family


def people(consultation):
    return selectors.consultation_people(consultation=consultation)


def history(user, consultation):
    engagement = consultation.engagement
    return selectors_history.engagement_history(user=user, public_id=engagement.public_id)[
        1
    ].object_list


def test_a_contact_left_out_is_added_and_one_entered_in_error_removed(owner, consulted):
    consultation, mum, nan = consulted["consultation"], consulted["mum"], consulted["nan"]
    consultation_participant_add(actor=owner, consultation=consultation, contact=nan)
    assert people(consultation) == [mum, nan]  # by surname
    with pytest.raises(ValidationError) as refused:
        consultation_participant_remove(
            actor=owner, consultation=consultation, contact=mum, reason=" "
        )
    assert set(refused.value.message_dict) == {"reason"}
    consultation_participant_remove(
        actor=owner, consultation=consultation, contact=mum, reason="Entered in error: it was nan"
    )
    assert people(consultation) == [nan]
    # Kept, not deleted; left off her record; on History with the reason, in words.
    kept = ConsultationParticipant.objects.get(consultation=consultation, contact=mum)
    assert kept.removed_by == owner and kept.removal_reason == "Entered in error: it was nan"
    assert not selectors.consultations_with(user=owner, contact=mum).exists()
    assert list(selectors.consultations_with(user=owner, contact=nan)) == [consultation]
    removed, added = history(owner, consultation)[:2]
    on = f"{consultation.date:%-d %b %Y}"
    assert removed.what == (
        f"Person consulted removed: Jane Bunny ({mum.client_id}), "
        f"at the consultation on {on} (meeting)"
    )
    assert removed.reason == "Entered in error: it was nan" and removed.who == owner.get_full_name()
    assert added.what.startswith("Person consulted added: Olive Hare")
    # Added again later: a new row, the removed one stays.
    consultation_participant_add(actor=owner, consultation=consultation, contact=mum)
    assert ConsultationParticipant.objects.filter(contact=mum).count() == 2


def test_bad_input_changes_nothing_and_names_the_field(owner, consulted):
    consultation, mum, nan = consulted["consultation"], consulted["mum"], consulted["nan"]
    with pytest.raises(ValidationError) as twice:
        consultation_participant_add(actor=owner, consultation=consultation, contact=mum)
    assert "already recorded as held with Jane Bunny" in twice.value.message_dict["contact"][0]
    with pytest.raises(ValidationError) as nobody:
        consultation_participant_add(actor=owner, consultation=consultation, contact=None)
    assert set(nobody.value.message_dict) == {"contact"}
    with pytest.raises(ValidationError) as not_there:
        consultation_participant_remove(
            actor=owner, consultation=consultation, contact=nan, reason="Wrong"
        )
    assert set(not_there.value.message_dict) == {"contact"}
    # Mum is the only one it was held with: someone must stay.
    with pytest.raises(ValidationError) as last:
        consultation_participant_remove(
            actor=owner, consultation=consultation, contact=mum, reason="Wrong"
        )
    assert "the only one" in last.value.message_dict["contact"][0]
    assert people(consultation) == [mum]
    assert ConsultationParticipant.objects.filter(removed_at__isnull=False).count() == 0


def test_who_may_change_who_it_was_held_with(owner, consulted):
    consultation, mum, nan = consulted["consultation"], consulted["mum"], consulted["nan"]
    other, manager = user_with("practitioner"), user_with("manager")
    with pytest.raises(CaseworkRefused):
        consultation_participant_add(actor=other, consultation=consultation, contact=nan)
    with pytest.raises(CaseworkRefused):
        consultation_participant_remove(
            actor=other, consultation=consultation, contact=mum, reason="Forged"
        )
    assert people(consultation) == [mum]
    # Once the engagement has ended: only a manager, with a reason.
    engagement_close(actor=owner, engagement=consultation.engagement, closed_on=date.today())
    with pytest.raises(CaseworkRefused):
        consultation_participant_add(
            actor=owner, consultation=consultation, contact=nan, reason="Late"
        )
    with pytest.raises(ValidationError) as why:
        consultation_participant_add(actor=manager, consultation=consultation, contact=nan)
    assert set(why.value.message_dict) == {"reason"}
    consultation_participant_add(
        actor=manager, consultation=consultation, contact=nan, reason="Nan was there too"
    )
    assert people(consultation) == [mum, nan]
    assert history(manager, consultation)[0].reason == "Nan was there too"


def test_the_screen_adds_by_search_and_removes_with_a_reason(owner, owner_client, consulted):
    consultation, mum, nan = consulted["consultation"], consulted["mum"], consulted["nan"]
    engagement = consultation.engagement
    url = f"/consultations/{consultation.public_id}/people/"
    assert url in body(owner_client.get(f"/engagements/{engagement.public_id}/"))
    page = body(owner_client.get(url))
    assert "Jane Bunny" in page and str(nan.public_id) not in page
    assert 'data-person-search="id_contact"' in page  # searches as you type with JavaScript
    # Without JavaScript: the Find button is a plain search step, typos and all.
    found = body(owner_client.post(url, {"find": "1", "who": "Olvie Hare", "reason": "Typed"}))
    assert str(nan.public_id) in found and "Choose them under" in found
    assert ">Typed</textarea>" in found and "There is a problem" not in found
    refused = owner_client.post(url, {"add": "1", "contact": ""})
    assert refused.status_code == 200 and "Choose who to add." in body(refused)
    # Found as the person typed (not offered by this page's last search): still accepted.
    assert owner_client.post(url, {"add": "1", "contact": str(nan.public_id)}).status_code == 302
    assert people(consultation) == [mum, nan]
    remove_url = f"{url}{mum.public_id}/remove/"
    assert remove_url in body(owner_client.get(url))
    assert owner_client.post(remove_url, {"reason": ""}).status_code == 200
    assert owner_client.post(remove_url, {"reason": "Entered in error"}).status_code == 302
    assert people(consultation) == [nan]
    assert owner_client.get(remove_url).status_code == 404  # no longer one of them
    page = body(owner_client.get(f"/engagements/{engagement.public_id}/"))
    assert "Olive Hare" in page.split('data-testid="held-with"')[1].split("</td>")[0]
    history_page = body(owner_client.get(f"/engagements/{engagement.public_id}/history/"))
    assert "Person consulted removed: Jane Bunny" in history_page
    assert "Reason: Entered in error" in history_page

"""Merging two records of one person and undoing it (issue 18): everything that points at
the merged record moves (every foreign key to a contact, walked generically), history on
both, the merged record's address leads to the kept one, an unmerge puts exactly what moved
back, and who may merge."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.assessments.demo import assessments_demo_seed
from casework.demo import casework_demo_seed
from casework.duplicates import relations
from casework.duplicates.merging import contacts_merge, contacts_unmerge
from casework.duplicates.models import Merge
from casework.duplicates.services import not_duplicate_record
from casework.events.demo import events_demo_seed
from casework.files.demo import files_demo_seed
from casework.incidents.demo import incidents_demo_seed
from casework.incidents.models import Incident
from casework.models import Consent, ConsultationParticipant, Contact, Engagement, Relationship
from casework.notes.demo import notes_demo_seed
from casework.safeguarding.services.cases import case_open
from casework.selectors_history import contact_history
from casework.services.contacts import contact_create
from casework.services.engagements import consultation_create
from casework.services.relationships import relationship_create
from tests.casework.screens import body, new_child, new_engagement, user_with
from tests.clients import signed_in
from tests.searching import searched

# Every foreign key to a contact. A new one fails this list: add it here and to the
# scenario below (or to relations.LEFT_AS_THEY_ARE, saying why it stays).
EVERY_LINK = {
    "subject_access.SubjectAccessExport.contact",
    "assessments.Assessment.contact",
    "casework.ConsultationParticipant.contact",
    "casework.Contact.consent_given_by",
    "casework.Engagement.contact",
    "casework.Relationship.contact",
    "casework.Relationship.other",
    "duplicates.Merge.merged",
    "duplicates.Merge.survivor",
    "duplicates.NotDuplicate.first",
    "duplicates.NotDuplicate.second",
    "duplicates.PairFound.first",
    "duplicates.PairFound.second",
    "events.EventContact.contact",
    "files.ClientFile.contact",
    "files.ContactPhoto.contact",
    "incidents.Incident.contact",
    "incidents.Incident_people.contact",
    "notes.Note.contact",
    "referrals.Referral.contact",
    "referrals.SupportCase.beneficiary",
    "referrals.SupportCase.caller",
}
# Made in the scenario below and so proved to move (the support line's cases and the
# exchange's referrals are moved by the same walk; their partners' kinds are not seeded).
MADE_IN_SCENARIO = (
    EVERY_LINK
    - set(relations.LEFT_AS_THEY_ARE)
    - {
        "files.ContactPhoto.contact",
        "referrals.Referral.contact",
        "referrals.SupportCase.beneficiary",
        "referrals.SupportCase.caller",
    }
)


def test_every_foreign_key_to_a_contact_is_moved_or_named():
    assert {link.key for link in relations.contact_links()} == EVERY_LINK


class World:
    pass


@pytest.fixture
def w(in_partner_a, partner_a, partner_b):
    w = World()
    w.partner_a, w.partner_b = partner_a, partner_b
    w.practitioner = user_with("practitioner")
    w.manager = user_with("manager")
    casework_demo_seed(practitioner=w.practitioner, manager=w.manager)
    notes_demo_seed(practitioner=w.practitioner)
    assessments_demo_seed(practitioner=w.practitioner)
    files_demo_seed(practitioner=w.practitioner)
    incidents_demo_seed(practitioner=w.practitioner)
    events_demo_seed(practitioner=w.practitioner)
    engagement = Engagement.objects.select_related("contact").order_by("id").first()
    w.sam = engagement.contact  # the demo's records hang on the first engagement's child
    w.mum = Relationship.objects.filter(other=w.sam).first().contact
    # Signed for by Sam's other record, consulted with, and in an incident with others.
    Contact.objects.filter(pk=w.mum.pk).update(consent_given_by=w.sam)
    consultation = consultation_create(
        actor=w.practitioner,
        engagement=engagement,
        on=timezone.localdate(),
        method="meeting",
        notes="Planning the term.",
        held_with_contacts=[w.mum],
    )
    ConsultationParticipant.objects.create(consultation=consultation, contact=w.sam)
    Incident.objects.first().people.add(w.sam)
    # Sam typed again: the record kept. Already has mum as mother (that half stays).
    w.samuel = new_child(w.practitioner, "Samuel", w.sam.last_name, phone="07700 900999")
    relationship_create(actor=w.practitioner, contact=w.mum, other=w.samuel, kind="mother")
    return w


def _pointing_at(contact) -> dict:
    return {
        link.key: set(link.rows(contact.pk).values_list("pk", flat=True))
        for link in relations.links_to_move()
    }


def test_merge_moves_everything_and_unmerge_puts_it_back(w):
    before = _pointing_at(w.sam)
    on_samuel = _pointing_at(w.samuel)
    assert {key for key, ids in before.items() if ids} >= MADE_IN_SCENARIO
    with pytest.raises(ValidationError) as refused:
        contacts_merge(actor=w.manager, survivor=w.samuel, merged=w.sam, reason=" ")
    assert "reason" in refused.value.message_dict

    merge = contacts_merge(
        actor=w.manager,
        survivor=w.samuel,
        merged=w.sam,
        reason="Same child: the school confirmed",
        keep=["first_name", "household"],
    )
    after = _pointing_at(w.sam)
    left = {f"{e['model']}.{e['field']}": set(e["ids"]) for e in merge.left}
    # Everything moved, but Sam's own halves with mum: Samuel already has her as mother.
    assert {k: v for k, v in after.items() if v} == left
    assert set(left) == {"casework.Relationship.contact", "casework.Relationship.other"}
    for key, ids in before.items():
        moved = _pointing_at(w.samuel)[key] - on_samuel[key]
        assert moved == ids - left.get(key, set()), key
    w.sam.refresh_from_db()
    w.samuel.refresh_from_db()
    assert w.sam.is_removed and "Merged into Sam" in w.sam.removal_reason
    assert (w.samuel.first_name, w.samuel.household_id) == ("Sam", w.sam.household_id)
    assert w.samuel.phone == "07700 900999"  # kept from the survivor
    # History on both, with the reason and who merged.
    for contact in (w.samuel, w.sam):
        Contact.objects.filter(pk=contact.pk).update(removed_at=None)  # to read it here
        _, page = contact_history(user=w.manager, public_id=contact.public_id)
        merged = [e for e in page.object_list if e.what.startswith("Merge of duplicate")]
        assert merged and merged[0].reason == "Same child: the school confirmed"
        assert merged[0].who == w.manager.get_full_name() or w.manager.get_username()
    Contact.objects.filter(pk=w.sam.pk).update(removed_at=timezone.now())

    # Within the window, a manager undoes it: exactly what moved goes back.
    with pytest.raises(PermissionDenied):
        contacts_unmerge(actor=w.practitioner, merge=merge, reason="Wrong child")
    contacts_unmerge(actor=w.manager, merge=merge, reason="Twins after all")
    assert _pointing_at(w.sam) == before
    assert _pointing_at(w.samuel) == on_samuel
    w.sam.refresh_from_db()
    w.samuel.refresh_from_db()
    assert not w.sam.is_removed
    assert (w.samuel.first_name, w.samuel.household_id) != ("Sam", w.sam.household_id)
    merge.refresh_from_db()
    assert merge.unmerge_reason == "Twins after all" and merge.unmerged_by == w.manager
    with pytest.raises(ValidationError):  # once
        contacts_unmerge(actor=w.manager, merge=merge, reason="Again")


def test_unmerge_says_what_a_later_change_makes_impossible_and_when_too_late(w):
    merge = contacts_merge(
        actor=w.manager, survivor=w.samuel, merged=w.sam, reason="Same", keep=["first_name"]
    )
    Contact.objects.filter(pk=w.samuel.pk).update(first_name="Sammy")
    with pytest.raises(ValidationError) as refused:
        contacts_unmerge(actor=w.manager, merge=merge, reason="Twins")
    assert "First name has changed since the merge" in str(refused.value)
    assert Merge.objects.get().is_current  # nothing half-done
    Merge.objects.filter(pk=merge.pk).update(merged_at=timezone.now() - timedelta(days=31))
    merge.refresh_from_db()
    with pytest.raises(ValidationError) as late:
        contacts_unmerge(actor=w.manager, merge=merge, reason="Twins")
    assert "30 days" in str(late.value)


def test_who_may_merge(w):
    # A practitioner who cannot see Sam's engagement (the demo's practitioner owns it).
    other = user_with("practitioner")
    with pytest.raises(PermissionDenied):
        contacts_merge(actor=other, survivor=w.samuel, merged=w.sam, reason="Same")
    # A pair recorded as different people stays apart.
    not_duplicate_record(actor=w.manager, first=w.sam, second=w.samuel, reason="Cousins")
    with pytest.raises(ValidationError) as refused:
        contacts_merge(actor=w.manager, survivor=w.samuel, merged=w.sam, reason="Same")
    assert "different people" in str(refused.value)
    # Each with an open safeguarding case: a designated safeguarding lead merges them.
    sams = Engagement.objects.filter(contact=w.sam).first()
    for engagement in (sams, new_engagement(w.practitioner, w.samuel, sams.programme)):
        case_open(
            actor=w.practitioner,
            engagement=engagement,
            threshold="high",
            description="Bruises",
            raised_with="The centre's lead",
            actions_agreed="Watch",
        )
    with pytest.raises(PermissionDenied) as refused_dsl:
        contacts_merge(actor=w.practitioner, survivor=w.samuel, merged=w.sam, reason="Same")
    assert "designated safeguarding lead" in str(refused_dsl.value)
    # The practitioner who sees both may merge two others.
    twin = contact_create(
        actor=w.practitioner,
        kind="adult",
        first_name=w.mum.first_name,
        last_name=w.mum.last_name,
        consent=Consent.GIVEN,
    )
    merge = contacts_merge(actor=w.practitioner, survivor=w.mum, merged=twin, reason="Same")
    assert merge.merged_by == w.practitioner
    assert not Merge.objects.filter(merged=w.sam).exists()


def test_screens_merge_redirect_and_undo(w):
    manager = signed_in(w.partner_a, w.manager)
    url = f"/contacts/{w.samuel.public_id}/merge/{w.sam.public_id}/"
    page = body(manager.get(url))
    assert "Which record is kept?" in page and "First name" in page
    found = searched(manager, f"/contacts/{w.samuel.public_id}/merge/", q="Bunny")
    assert body(found).count(str(w.sam.public_id))
    refused = manager.post(url, {"survivor": "0", "take_first_name": "1", "reason": ""})
    assert "Say how you know they are the same person." in body(refused)
    assert not Merge.objects.exists()
    done = manager.post(
        url,
        {"survivor": "0", "take_first_name": "1", "take_household": "0", "reason": "Same"},
    )
    assert done.status_code == 302 and done.url == f"/contacts/{w.samuel.public_id}/"
    merge = Merge.objects.get()
    assert merge.kept["first_name"][1] == w.sam.first_name
    # The merged record's address leads to the kept one, with a notice.
    moved = manager.get(f"/contacts/{w.sam.public_id}/", follow=True)
    assert moved.redirect_chain[-1][0] == f"/contacts/{w.samuel.public_id}/"
    assert "was merged into" in body(moved) and "Undo the merge" in body(moved)
    undo = f"/merges/{merge.public_id}/undo/"
    assert "Undo the merge" in body(manager.get(undo))
    practitioner = signed_in(w.partner_a, w.practitioner)
    assert practitioner.get(undo).status_code == 404
    assert manager.post(undo, {"reason": "Twins"}).status_code == 302
    assert manager.get(f"/contacts/{w.sam.public_id}/").status_code == 200
    # Another partner's staff find none of it.
    with schema_context(w.partner_b.schema_name):
        stranger = user_with("supervisor")
    other = signed_in(w.partner_b, stranger)
    for address in (url, undo, f"/contacts/{w.sam.public_id}/merge/"):
        assert other.get(address).status_code == 404
    connection.set_schema_to_public()

"""Old notes and completed assessments are fixed in the database (triggers), yet a merge
must move them to the record kept (issue 18). The triggers allow exactly that and nothing
more: an UPDATE that changes only contact_id, made inside a merge's move
(casework.tracking.NOT_A_MERGE_MOVE, merge_moving). Both ways proved here."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.db.utils import DatabaseError
from django.utils import timezone

from casework.assessments.demo import assessments_demo_seed
from casework.assessments.models import Assessment, AssessmentStatus
from casework.demo import casework_demo_seed
from casework.duplicates.merging import contacts_merge, contacts_unmerge
from casework.notes.demo import notes_demo_seed
from casework.notes.models import Note
from casework.tracking import merge_moving
from tests.casework.screens import new_child, user_with


@pytest.fixture
def fixed(in_partner_a):
    practitioner, manager = user_with("practitioner"), user_with("manager")
    casework_demo_seed(practitioner=practitioner, manager=manager)
    notes_demo_seed(practitioner=practitioner)
    assessments_demo_seed(practitioner=practitioner)
    note = Note.objects.filter(contact__isnull=False).order_by("pk").first()
    # Older than the amend window (its first update is still allowed: it is not old yet).
    Note.objects.filter(pk=note.pk).update(created_at=timezone.now() - timedelta(hours=25))
    assessment = Assessment.objects.filter(status=AssessmentStatus.COMPLETED).first()
    other = new_child(practitioner, "Other", "Person")
    return note, assessment, other, manager


def _refused(rows, **change):
    with pytest.raises(DatabaseError), transaction.atomic():
        rows.update(**change)


def test_outside_a_merge_nothing_changes_not_even_the_contact(fixed):
    note, assessment, other, _ = fixed
    for model, record in ((Note, note), (Assessment, assessment)):
        rows = model.objects.filter(pk=record.pk)
        _refused(rows, contact_id=other.pk)
        _refused(rows, created_at=timezone.now())
    _refused(Note.objects.filter(pk=note.pk), summary="Rewritten")
    _refused(Assessment.objects.filter(pk=assessment.pk), answers={})
    kept = Note.objects.get(pk=note.pk)
    assert (kept.contact_id, kept.summary) == (note.contact_id, note.summary)
    assert Assessment.objects.get(pk=assessment.pk).contact_id == assessment.contact_id


def test_inside_a_merge_only_the_contact_changes(fixed):
    note, assessment, other, _ = fixed
    for model, record in ((Note, note), (Assessment, assessment)):
        rows = model.objects.filter(pk=record.pk)
        with transaction.atomic(), merge_moving():
            assert rows.update(contact_id=other.pk) == 1
        with pytest.raises(DatabaseError), transaction.atomic(), merge_moving():
            rows.update(contact_id=record.contact_id, created_at=timezone.now())
        with transaction.atomic():  # the move is over: refused again
            with merge_moving():
                pass
            with pytest.raises(DatabaseError), transaction.atomic():
                rows.update(contact_id=record.contact_id)
        assert rows.get().contact_id == other.pk
    with pytest.raises(DatabaseError), transaction.atomic(), merge_moving():
        Note.objects.filter(pk=note.pk).update(summary="Rewritten in a merge")


def test_a_merge_moves_them_and_an_unmerge_puts_them_back(fixed):
    note, assessment, other, manager = fixed
    person = note.contact
    assert assessment.contact_id == person.pk  # the demo's first child has both
    merge = contacts_merge(actor=manager, survivor=other, merged=person, reason="Same person")
    note.refresh_from_db()
    assert note.contact_id == other.pk
    assert Assessment.objects.get(pk=assessment.pk).contact_id == other.pk
    contacts_unmerge(actor=manager, merge=merge, reason="Different people")
    note.refresh_from_db()
    assert note.contact_id == person.pk
    assert Assessment.objects.get(pk=assessment.pk).contact_id == person.pk

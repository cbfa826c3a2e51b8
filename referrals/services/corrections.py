"""Correcting a summary note: notes are append-only, so a wrong one is answered by a
correction entry pointing at it; the note stays, shown as corrected."""

from django.db import transaction

from referrals import policy
from referrals.models import CaseNote, CaseNoteCorrection, SupportCase
from referrals.services.cases import _changed_after_submission, _check_verified
from tenants.corrections import correction_clean


def case_note_correct(*, actor, note: CaseNote, kind: str, text: str) -> CaseNoteCorrection:
    """“Entered in error: <why>” or the corrected text, by the note's author."""
    policy.check_correct_case_note(actor, note)
    _check_verified(actor, note.case)
    kind, text = correction_clean(kind=kind, text=text)
    with transaction.atomic():
        case = SupportCase.objects.select_for_update().get(pk=note.case_id)
        correction = CaseNoteCorrection.objects.create(
            note=note, kind=kind, text=text, author=actor, author_name=actor.get_full_name()
        )
        _changed_after_submission(actor, case, "note corrected")
    return correction

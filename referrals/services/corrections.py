"""Correcting a summary note: notes are append-only, so a wrong one is answered by a
correction entry pointing at it; the note stays, shown as corrected."""

from django.db import transaction

from referrals import policy
from referrals.models import CaseNote, CaseNoteCorrection, SupportCase
from referrals.services.cases import case_changed_after_submission, case_verified_check
from tenants.corrections import correction_clean


def case_note_correct(*, actor, note: CaseNote, kind: str, text: str) -> CaseNoteCorrection:
    """“Entered in error: <why>” or the corrected text, by the note's author."""
    policy.check_correct_case_note(actor, note)
    case_verified_check(actor=actor, case=note.case)
    kind, text = correction_clean(kind=kind, text=text)
    with transaction.atomic():
        case = SupportCase.objects.select_for_update().get(pk=note.case_id)
        correction = CaseNoteCorrection.objects.create(
            note=note, kind=kind, text=text, author=actor, author_name=actor.get_full_name()
        )
        case_changed_after_submission(actor=actor, case=case, action="note corrected")
    return correction

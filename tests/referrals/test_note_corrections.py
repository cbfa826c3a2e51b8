"""Summary notes are append-only: the note's author answers a wrong one with a correction
entry; the note stays, shown as corrected beside it on the case and review pages and in
the API; the data team hears of a correction after review; the database refuses to
rewrite a correction too."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError

from referrals.models import CaseEvent, CaseNote, CaseNoteCorrection
from referrals.policy import ReferralRefused
from referrals.services.cases import case_create, case_note_add, case_verify
from referrals.services.corrections import case_note_correct
from referrals.services.review import case_mark_ready
from tests.casework.screens import body
from tests.clients import signed_in
from tests.partners import PASSWORD
from tests.referrals.helpers import consented_caller
from tests.tenants.accounts.helpers import make_user


@pytest.fixture
def note(handler):
    case = case_create(actor=handler, caller=consented_caller(handler), title="Food")
    return case_note_add(actor=handler, case=case, text="Caller has three children.")


def test_the_author_corrects_their_note_and_the_note_stays(handler, note):
    correction = case_note_correct(
        actor=handler, note=note, kind="corrected", text="Caller has two children."
    )
    assert (correction.author, correction.kind) == (handler, "corrected")
    note = CaseNote.objects.get(pk=note.pk)
    assert note.text == "Caller has three children."
    assert [c.text for c in note.corrections.all()] == ["Caller has two children."]


def test_only_the_author_may_correct_a_note(handler, note, data_team):
    colleague = make_user(role_key="call-handler", password=PASSWORD)
    case_verify(actor=colleague, case=note.case)  # they may read it, not rewrite it
    for someone in (colleague, data_team):
        with pytest.raises(ReferralRefused):
            case_note_correct(actor=someone, note=note, kind="error", text="Not mine")
    assert note.corrections.count() == 0


def test_a_correction_needs_words(handler, note):
    with pytest.raises(ValidationError) as exc:
        case_note_correct(actor=handler, note=note, kind="error", text=" ")
    assert exc.value.message_dict == {"text": ["Say why it was entered in error."]}


def test_a_correction_after_review_is_recorded_for_the_data_team(handler, note, data_team):
    case_mark_ready(actor=handler, case=note.case)
    case_note_correct(actor=handler, note=note, kind="error", text="Wrong caller")
    assert CaseEvent.objects.filter(case=note.case, action="note corrected").exists()


@pytest.mark.owner_role  # the trigger, which holds against the owner too
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE referrals_casenotecorrection SET text = 'rewritten'",
        "DELETE FROM referrals_casenotecorrection",
        "TRUNCATE referrals_casenotecorrection",
    ],
)
def test_corrections_are_append_only(handler, note, sql):
    case_note_correct(actor=handler, note=note, kind="error", text="Kept")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert CaseNoteCorrection.objects.get().text == "Kept"


def test_the_case_and_review_pages_show_the_note_marked_corrected(handler, note, data_team):
    client = signed_in(connection.tenant, handler)
    case_url = f"/support-cases/{note.case.public_id}/"
    link = f"/support-notes/{note.public_id}/correct/"
    assert link in body(client.get(case_url))
    assert client.get(link).status_code == 200
    response = client.post(link, {"kind": "corrected", "text": "Caller has two children."})
    assert response.status_code == 302
    page = body(client.get(case_url))
    assert "Caller has three children." in page and "Caller has two children." in page
    assert "Corrected</strong>" in page
    case_mark_ready(actor=handler, case=note.case)
    reviewer = signed_in(connection.tenant, data_team)
    review = body(reviewer.get(f"/review/{note.case.public_id}/"))
    assert "Caller has two children." in review and link not in review
    # Someone else is refused the correction page (not the author).
    assert reviewer.get(link).status_code == 403

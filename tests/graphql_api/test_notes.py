"""Client notes through the API: the same readers as the portal (confidential ones only
to their author, managers and DSLs, the rest get dates), adding, logging a call,
amending within 24 hours and correcting after, with field errors for bad input."""

from datetime import timedelta

from django.utils import timezone

from casework.notes.models import Note
from casework.notes.services import note_add
from tests.casework.screens import user_with
from tests.graphql_api.helpers import global_id, run

NOTES = """query($c: ID, $e: ID) { notes(contactId: $c, engagementId: $e) {
  notes { edges { node { id kind kindLabel summary body confidential amendable engagementId
          author { fullName } correctedBy { kindLabel text corrects { summary } } } } }
  confidentialWithheld } }"""


def notes_of(data: dict) -> list:
    """The notes of one page (a record's notes are paged)."""
    return [edge["node"] for edge in data["notes"]["notes"]["edges"]]


def _secret(world):
    return note_add(
        actor=world.users["owner"],
        contact=world.child,
        kind="call",
        happened_at=timezone.now() - timedelta(hours=3),
        summary="Secret call",
        body="Secret words",
        confidential=True,
    )


def test_confidential_notes_reach_only_who_may_read_them(world):
    secret = _secret(world)
    dsl = user_with("dsl")
    for who in (world.users["owner"], world.users["manager"], dsl):
        result = run(who, NOTES, {"c": global_id("Contact", world.child)})
        assert result.errors is None, result.errors
        [note] = notes_of(result.data)
        assert note["body"] == "Secret words" and result.data["notes"]["confidentialWithheld"] == []
    result = run(world.users["other"], NOTES, {"c": global_id("Contact", world.child)})
    assert notes_of(result.data) == []
    [when] = result.data["notes"]["confidentialWithheld"]
    assert when.startswith(secret.happened_at.date().isoformat()[:7])
    assert "Secret" not in str(result.data)


def test_engagement_notes_follow_the_engagement(world):
    note_add(
        actor=world.users["owner"],
        contact=world.child,
        engagement=world.engagement,
        kind="meeting",
        happened_at=timezone.now(),
        summary="Engagement meeting",
    )
    e = {"e": global_id("Engagement", world.engagement)}
    assert run(world.users["other"], NOTES, e).data["notes"] is None
    [note] = notes_of(run(world.users["shared"], NOTES, e).data)
    assert note["engagementId"] == global_id("Engagement", world.engagement)
    # On the contact, the other practitioner does not see the engagement's note.
    c = {"c": global_id("Contact", world.child)}
    assert notes_of(run(world.users["other"], NOTES, c).data) == []


ADD = """mutation($c: ID!, $at: DateTime!, $kind: String!, $summary: String!) {
  noteAdd(input: {contactId: $c, kind: $kind, happenedAt: $at, summary: $summary,
                  durationMinutes: 20}) {
    note { id summary amendable } errors { field message code } } }"""
AMEND = """mutation($n: ID!, $summary: String) { noteAmend(noteId: $n, input: {summary: $summary}) {
  note { summary } errors { field message code } } }"""
CORRECT = """mutation($n: ID!) { noteCorrect(noteId: $n, input: {kind: "corrected", text: "Fixed"}) {
  correction { text corrects { summary } } errors { field code } } }"""


def test_add_amend_and_correct(world):
    owner = world.users["owner"]
    at = (timezone.now() - timedelta(minutes=5)).isoformat()
    result = run(
        owner,
        ADD,
        {"c": global_id("Contact", world.child), "at": at, "kind": "visit", "summary": "Visit"},
    )
    payload = result.data["noteAdd"]
    assert payload["errors"] == [] and payload["note"]["amendable"] is True
    note = Note.objects.get(summary="Visit")
    result = run(owner, AMEND, {"n": global_id("Note", note), "summary": "Visit, amended"})
    assert result.data["noteAmend"] == {"note": {"summary": "Visit, amended"}, "errors": []}
    # null clears, as in every update (graphql_api.inputs): a note needs its summary and
    # date, so clearing them is refused by name and nothing changes.
    result = run(
        owner,
        """mutation($n: ID!) { noteAmend(noteId: $n, input: {summary: null, happenedAt: null})
        { note { summary } errors { field } } }""",
        {"n": global_id("Note", note)},
    )
    assert {e["field"] for e in result.data["noteAmend"]["errors"]} == {"summary", "happenedAt"}
    note.refresh_from_db()
    assert note.summary == "Visit, amended" and note.happened_at is not None
    # Someone else cannot amend it; after a day nobody can.
    result = run(world.users["manager"], AMEND, {"n": global_id("Note", note), "summary": "X"})
    assert [e["code"] for e in result.data["noteAmend"]["errors"]] == ["REFUSED"]
    Note.objects.filter(pk=note.pk).update(created_at=timezone.now() - timedelta(days=2))
    result = run(owner, AMEND, {"n": global_id("Note", note), "summary": "Late"})
    assert [e["code"] for e in result.data["noteAmend"]["errors"]] == ["REFUSED"]
    result = run(owner, CORRECT, {"n": global_id("Note", note)})
    assert result.data["noteCorrect"]["correction"] == {
        "text": "Fixed",
        "corrects": {"summary": "Visit, amended"},
    }


def test_bad_input_names_each_field(world):
    future = (timezone.now() + timedelta(days=2)).isoformat()
    result = run(
        world.users["owner"],
        ADD,
        {"c": global_id("Contact", world.child), "at": future, "kind": "rumour", "summary": ""},
    )
    fields = {e["field"] for e in result.data["noteAdd"]["errors"]}
    assert fields == {"kind", "happenedAt", "summary"}
    assert not Note.objects.exists()


def test_log_a_call(world):
    result = run(
        world.users["shared"],
        """mutation($e: ID!) { callLog(input: {engagementId: $e, summary: "Mum rang",
        body: "About Tuesday"}) { note { kind summary body } errors { field } } }""",
        {"e": global_id("Engagement", world.engagement)},
    )
    assert result.data["callLog"] == {
        "note": {"kind": "call", "summary": "Mum rang", "body": "About Tuesday"},
        "errors": [],
    }

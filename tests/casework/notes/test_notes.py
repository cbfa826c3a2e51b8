"""Client notes: who reads them (confidential ones included, filtered in SQL), the
24-hour amend window held by the service and by the database, corrections after it,
"Log a call", and every notes screen refusing who may not see the record."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casework.notes import policy, selectors, services
from casework.notes.models import Note, NoteCorrection, NoteEvent
from casework.services.engagements import engagement_share
from tests.casework.screens import body, new_child, new_engagement, today_text, user_with
from tests.clients import signed_in


class World:
    pass


@pytest.fixture
def w(partner_a, partner_b, programme):
    w = World()
    w.partner_a, w.partner_b = partner_a, partner_b
    w.owner = user_with("practitioner")
    w.other = user_with("practitioner")
    w.shared = user_with("practitioner")
    w.manager = user_with("manager")
    w.dsl = user_with("dsl")
    w.editor = user_with("editor")
    w.child = new_child(w.owner)
    w.engagement = new_engagement(w.owner, w.child, programme)
    engagement_share(actor=w.owner, engagement=w.engagement, with_user=w.shared)
    w.contact_note = services.note_add(
        actor=w.owner,
        contact=w.child,
        kind="visit",
        happened_at=timezone.now() - timedelta(hours=2),
        duration_minutes=45,
        summary="Home visit marker",
        body="Kitchen tidy, Sam playing.",
    )
    w.engagement_note = services.note_add(
        actor=w.owner,
        contact=w.child,
        engagement=w.engagement,
        kind="meeting",
        happened_at=timezone.now() - timedelta(hours=1),
        summary="Engagement meeting marker",
    )
    w.secret = services.note_add(
        actor=w.owner,
        contact=w.child,
        kind="call",
        happened_at=timezone.now() - timedelta(days=3),
        summary="Confidential marker",
        body="Disclosure words marker",
        confidential=True,
    )
    connection.set_tenant(partner_b)
    w.stranger = user_with("call-handler")
    connection.set_tenant(partner_a)
    return w


def _age(note, hours=25):
    """Make a note older than the amend window (its first update is still allowed)."""
    Note.objects.filter(pk=note.pk).update(created_at=timezone.now() - timedelta(hours=hours))
    note.refresh_from_db()
    return note


def _readable(user):
    return set(selectors.notes_visible_to(user=user).values_list("summary", flat=True))


def test_who_reads_which_note(w):
    everything = {"Home visit marker", "Engagement meeting marker", "Confidential marker"}
    assert _readable(w.owner) == everything
    assert _readable(w.manager) == everything
    assert _readable(w.dsl) == everything
    # Another practitioner: the contact's note, neither the engagement's nor the secret.
    assert _readable(w.other) == {"Home visit marker"}
    assert _readable(w.shared) == {"Home visit marker", "Engagement meeting marker"}
    assert _readable(w.editor) == set()
    # The policy for one note agrees with the selector's SQL, for everyone.
    for user in (w.owner, w.other, w.shared, w.manager, w.dsl, w.editor):
        for note in (w.contact_note, w.engagement_note, w.secret):
            assert policy.can_read_note(user, note) == (note.summary in _readable(user))
        # What a list offers for each readable note is what the policy answers for one.
        actions = policy.note_actions(user)
        for note in selectors.notes_visible_to(user=user):
            assert actions(note) == (
                policy.can_amend_note(user, note),
                policy.can_correct_note(user, note),
            )


def test_a_confidential_note_shows_only_its_date_to_the_rest(w):
    withheld = selectors.confidential_notes_withheld(user=w.other, contact=w.child)
    assert withheld == [w.secret.happened_at]
    assert selectors.confidential_notes_withheld(user=w.owner, contact=w.child) == []
    assert selectors.confidential_notes_withheld(user=w.manager, contact=w.child) == []
    assert selectors.note_get(user=w.other, public_id=w.secret.public_id) is None
    page = body(signed_in(w.partner_a, w.other).get(f"/contacts/{w.child.public_id}/notes/"))
    assert "A confidential note was written about" in page
    assert "Confidential marker" not in page and "Disclosure words marker" not in page
    assert "Home visit marker" in page and "Engagement meeting marker" not in page
    page = body(signed_in(w.partner_a, w.dsl).get(f"/contacts/{w.child.public_id}/notes/"))
    assert "Disclosure words marker" in page and "A confidential note was written" not in page


def test_the_author_amends_within_a_day_and_history_keeps_both(w):
    services.note_amend(actor=w.owner, note=w.contact_note, summary="Home visit, amended")
    w.contact_note.refresh_from_db()
    assert w.contact_note.summary == "Home visit, amended"
    versions = NoteEvent.objects.filter(pgh_obj=w.contact_note).order_by("pgh_id")
    assert [v.summary for v in versions] == ["Home visit marker", "Home visit, amended"]
    assert versions.last().pgh_context["user"] == w.owner.pk
    with pytest.raises(PermissionDenied):
        services.note_amend(actor=w.manager, note=w.contact_note, summary="Not theirs")
    client = signed_in(w.partner_a, w.owner)
    page = body(client.get(f"/notes/{w.contact_note.public_id}/history/"))
    assert "Home visit marker" in page and "Home visit, amended" in page


def test_after_a_day_a_note_is_never_rewritten(w):
    note = _age(w.contact_note)
    with pytest.raises(PermissionDenied, match="24 hours"):
        services.note_amend(actor=w.owner, note=note, summary="Too late")
    # The database refuses too, whoever asks.
    with pytest.raises(DatabaseError), transaction.atomic():
        Note.objects.filter(pk=note.pk).update(summary="Rewritten behind the service")
    with pytest.raises(DatabaseError), transaction.atomic():
        Note.objects.filter(pk=w.engagement_note.pk).delete()
    assert Note.objects.get(pk=note.pk).summary == "Home visit marker"


def test_a_note_is_corrected_beside_it(w):
    note = _age(w.contact_note)
    correction = services.note_correct(
        actor=w.owner, note=note, kind="corrected", text="It was the back garden."
    )
    assert note.corrections.get() == correction
    services.note_correct(actor=w.manager, note=note, kind="error", text="Wrong family")
    with pytest.raises(PermissionDenied):
        services.note_correct(actor=w.other, note=note, kind="error", text="Not mine")
    with pytest.raises(ValidationError) as refused:
        services.note_correct(actor=w.owner, note=note, kind="corrected", text="  ")
    assert "text" in refused.value.message_dict
    with pytest.raises(DatabaseError), transaction.atomic():
        NoteCorrection.objects.filter(pk=correction.pk).update(text="Rewritten")
    page = body(signed_in(w.partner_a, w.owner).get(f"/contacts/{w.child.public_id}/notes/"))
    assert "It was the back garden." in page and "Corrected" in page


def test_bad_input_names_the_field_and_saves_nothing(w):
    before = Note.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.note_add(
            actor=w.owner,
            contact=w.child,
            kind="gossip",
            happened_at=timezone.now() + timedelta(days=1),
            duration_minutes=-5,
            summary=" ",
        )
    assert set(refused.value.message_dict) == {
        "kind",
        "happened_at",
        "duration_minutes",
        "summary",
    }
    with pytest.raises(ValidationError) as refused:
        services.note_add(
            actor=w.owner,
            contact=w.child,
            kind="call",
            happened_at=timezone.now(),
            summary="Nul\x00byte",
        )
    assert "summary" in refused.value.message_dict
    assert Note.objects.count() == before


def test_an_ended_engagement_takes_notes_only_from_a_manager(w):
    from casework.services.engagements import engagement_close

    engagement_close(
        actor=w.owner, engagement=w.engagement, stage="closed", closed_on=timezone.localdate()
    )
    w.engagement.refresh_from_db()
    with pytest.raises(PermissionDenied, match="ended"):
        services.call_log(actor=w.owner, contact=w.child, engagement=w.engagement, summary="Late")
    note = services.call_log(
        actor=w.manager, contact=w.child, engagement=w.engagement, summary="Closing call"
    )
    assert note.kind == "call" and note.engagement == w.engagement


def test_log_a_call_in_two_fields(w):
    client = signed_in(w.partner_a, w.other)
    response = client.post(
        f"/contacts/{w.child.public_id}/calls/new/",
        {"summary": "Mum rang about Tuesday", "body": "Running late."},
    )
    assert response.status_code == 302
    note = Note.objects.get(summary="Mum rang about Tuesday")
    assert (note.kind, note.author, note.engagement, note.body) == (
        "call",
        w.other,
        None,
        "Running late.",
    )
    assert timezone.now() - note.happened_at < timedelta(minutes=1)
    response = client.post(f"/contacts/{w.child.public_id}/calls/new/", {"summary": ""})
    assert "Enter what the call was about." in body(response)


def test_add_a_confidential_note_on_an_engagement_from_the_portal(w):
    client = signed_in(w.partner_a, w.owner)
    response = client.post(
        f"/engagements/{w.engagement.public_id}/notes/new/",
        {
            "kind": "visit",
            "happened_on": today_text(),
            "happened_time": "00:05",
            "duration_minutes": "30",
            "summary": "Portal visit",
            "body": "Went well.",
            "confidential": "on",
        },
    )
    assert response.status_code == 302, body(response)
    note = Note.objects.get(summary="Portal visit")
    assert note.confidential and note.engagement == w.engagement and note.contact == w.child
    response = client.post(
        f"/engagements/{w.engagement.public_id}/notes/new/",
        {"kind": "visit", "happened_on": "31/2/2026", "happened_time": "25:00", "summary": ""},
    )
    page = body(response)
    assert "Enter a real date" in page and "Enter a summary" in page


def test_the_notes_tab_costs_the_same_for_many_notes(w, django_assert_max_num_queries):
    client = signed_in(w.partner_a, w.owner)
    url = f"/contacts/{w.child.public_id}/notes/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(15):
        note = services.note_add(
            actor=w.owner,
            contact=w.child,
            kind="other",
            happened_at=timezone.now() - timedelta(minutes=i),
            summary=f"Note {i}",
        )
        services.note_correct(actor=w.owner, note=note, kind="error", text="Test")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def _urls(w):
    c, e = w.child.public_id, w.engagement.public_id
    n, en, s = w.contact_note.public_id, w.engagement_note.public_id, w.secret.public_id
    return {
        "contact_notes": f"/contacts/{c}/notes/",
        "contact_note_new": f"/contacts/{c}/notes/new/",
        "contact_call_log": f"/contacts/{c}/calls/new/",
        "engagement_notes": f"/engagements/{e}/notes/",
        "engagement_note_new": f"/engagements/{e}/notes/new/",
        "engagement_call_log": f"/engagements/{e}/calls/new/",
        "note_amend": f"/notes/{n}/amend/",
        "note_correct": f"/notes/{en}/correct/",
        "note_history": f"/notes/{s}/history/",
    }


OK, NF, NO = 200, 404, 403
WHO = ("owner", "other", "shared", "manager", "dsl", "editor", "stranger")
EXPECTED = {
    "contact_notes": (OK, OK, OK, OK, OK, NF, NF),
    "contact_note_new": (OK, OK, OK, OK, OK, NF, NF),
    "contact_call_log": (OK, OK, OK, OK, OK, NF, NF),
    # A DSL sees every engagement, as a manager does.
    "engagement_notes": (OK, NF, OK, OK, OK, NF, NF),
    "engagement_note_new": (OK, NF, OK, OK, OK, NF, NF),
    "engagement_call_log": (OK, NF, OK, OK, OK, NF, NF),
    # Only its author, within the day.
    "note_amend": (OK, NO, NO, NO, NO, NF, NF),
    # The engagement's note: its author, a manager or DSL; a shared colleague reads it only.
    "note_correct": (OK, NF, NO, OK, OK, NF, NF),
    # The confidential note: its author, managers and DSLs.
    "note_history": (OK, NF, NF, OK, OK, NF, NF),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_notes_screen_refuses_who_may_not_see_it(w, name):
    url = _urls(w)[name]
    before = (Note.objects.count(), NoteCorrection.objects.count())
    for who, expected in zip(WHO, EXPECTED[name], strict=True):
        partner = w.partner_b if who == "stranger" else w.partner_a
        client = signed_in(partner, getattr(w, who))
        assert client.get(url).status_code == expected, (who, name)
        if expected != OK:
            client.post(url, {"summary": "Forged", "kind": "error", "text": "Forged"})
        connection.set_tenant(w.partner_a)
    assert (Note.objects.count(), NoteCorrection.objects.count()) == before
    assert not Note.objects.filter(summary="Forged").exists()


def test_signed_out_visitors_go_to_sign_in(w, client_a):
    for url in _urls(w).values():
        response = client_a.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_notes_tab_shows_on_the_record(w):
    client = signed_in(w.partner_a, w.other)
    page = body(client.get(f"/contacts/{w.child.public_id}/"))
    assert 'data-testid="notes-tab"' in page and "Notes (2)" in page
    assert "Log a call" in page
    page = body(signed_in(w.partner_a, w.owner).get(f"/engagements/{w.engagement.public_id}/"))
    assert "Notes (1)" in page

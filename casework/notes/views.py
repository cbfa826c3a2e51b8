"""Notes screens: the Notes tab of a contact or an engagement, adding a note, logging a
call, amending within 24 hours, correcting, a note's own history. Thin: parse with a
form, call one service or selector, render. A record or note the user may not see is
404; the rules are casework.notes.policy's."""

from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from casework import selectors as casework_selectors
from casework.notes import policy, selectors, services
from casework.notes.forms import CallForm, NoteForm
from casework.notes.record import Record
from casework.views_common import HAPPENED_AT, found
from tenants.accounts.views_common import form_done, help_key
from tenants.views.corrections import correction_page


def _record(request, kind, public_id) -> Record:
    if kind == "engagement":
        engagement = casework_selectors.engagement_get(user=request.user, public_id=public_id)
        return Record(engagement=found(engagement))
    return Record(
        contact=found(casework_selectors.contact_get(user=request.user, public_id=public_id))
    )


def _refuse_unless_writer(request, record) -> None:
    if not policy.can_write_note(request.user, engagement=record.engagement):
        raise PermissionDenied("You cannot add notes here.")


def _when(data) -> datetime:
    return timezone.make_aware(datetime.combine(data["happened_on"], data["happened_time"]))


@never_cache
@login_required
@help_key("notes")
def notes_tab(request, public_id, kind="contact"):
    """The notes a user may read, and the dates of confidential ones they may not."""
    record = _record(request, kind, public_id)
    notes = list(selectors.notes_on(user=request.user, **record.on()))
    actions = policy.note_actions(request.user)
    for note in notes:
        may_amend, may_correct = actions(note)
        note.amend_url = reverse("note_amend", args=[note.public_id]) if may_amend else ""
        note.correct_url = reverse("note_correct", args=[note.public_id]) if may_correct else ""
    withheld = [
        {"happened_at": at, "withheld": True}
        for at in selectors.confidential_notes_withheld(user=request.user, **record.on())
    ]
    entries = sorted(
        [*({"happened_at": n.happened_at, "note": n} for n in notes), *withheld],
        key=lambda e: e["happened_at"],
        reverse=True,
    )
    return render(
        request,
        "notes/notes_tab.html",
        {
            "record": record,
            "entries": entries,
            "can_write": policy.can_write_note(request.user, engagement=record.engagement),
            "call_form": CallForm(auto_id="call_%s"),
        },
    )


@never_cache
@login_required
@help_key("note-new")
def note_new(request, public_id, kind="contact"):
    record = _record(request, kind, public_id)
    _refuse_unless_writer(request, record)
    form = NoteForm(
        request.POST or None, initial={"happened_time": f"{timezone.localtime():%H:%M}"}
    )

    def work():
        data = form.cleaned_data
        services.note_add(
            actor=request.user,
            **record.on(),
            kind=data["kind"],
            happened_at=_when(data),
            duration_minutes=data["duration_minutes"],
            summary=data["summary"],
            body=data["body"],
            confidential=data["confidential"],
        )

    if form_done(
        request,
        form,
        work,
        done="The note has been added.",
        renamed=HAPPENED_AT,
    ):
        return redirect(record.notes_url)
    return render(
        request,
        "notes/note_form.html",
        {"record": record, "form": form, "title": "Add a note", "button": "Add the note"},
    )


@never_cache
@login_required
@help_key("notes")
def call_log(request, public_id, kind="contact"):
    """Log a call: a call note, now, from the record's activity panel."""
    record = _record(request, kind, public_id)
    _refuse_unless_writer(request, record)
    form = CallForm(request.POST or None, auto_id="call_%s")
    if form_done(
        request,
        form,
        lambda: services.call_log(actor=request.user, **record.on(), **form.cleaned_data),
        done="The call has been logged.",
    ):
        return redirect(record.notes_url)
    return render(request, "notes/call_log.html", {"record": record, "form": form})


def _note_record(note) -> Record:
    return Record(contact=note.contact, engagement=note.engagement)


@never_cache
@login_required
@help_key("note-amend")
def note_amend(request, public_id):
    note = found(selectors.note_get(user=request.user, public_id=public_id))
    if not policy.can_amend_note(request.user, note):
        raise PermissionDenied("Only its author can amend a note, within 24 hours.")
    record = _note_record(note)
    local = timezone.localtime(note.happened_at)
    form = NoteForm(
        request.POST or None,
        initial={
            "kind": note.kind,
            "happened_on": f"{local.day}/{local.month}/{local.year}",
            "happened_time": f"{local:%H:%M}",
            "duration_minutes": note.duration_minutes,
            "summary": note.summary,
            "body": note.body,
            "confidential": note.confidential,
        },
    )

    def work():
        data = form.cleaned_data
        services.note_amend(
            actor=request.user,
            note=note,
            kind=data["kind"],
            happened_at=_when(data),
            duration_minutes=data["duration_minutes"],
            summary=data["summary"],
            body=data["body"],
            confidential=data["confidential"],
        )

    if form_done(
        request,
        form,
        work,
        done="The note has been amended; its history keeps the version before.",
        renamed=HAPPENED_AT,
    ):
        return redirect(record.notes_url)
    return render(
        request,
        "notes/note_form.html",
        {
            "record": record,
            "form": form,
            "title": "Amend a note",
            "button": "Save the amended note",
            "amending": note,
        },
    )


@never_cache
@login_required
@help_key("note-correct")
def note_correct(request, public_id):
    note = found(selectors.note_get(user=request.user, public_id=public_id))
    record = _note_record(note)
    return correction_page(
        request,
        title="Correct a note",
        caption=record.title,
        original=[
            (
                "Written by",
                f"{note.author.get_full_name()}, {timezone.localtime(note.created_at):%d/%m/%Y %H:%M}",
            ),
            ("Type", note.get_kind_display()),
            ("Date and time", f"{timezone.localtime(note.happened_at):%d/%m/%Y %H:%M}"),
            ("Summary", note.summary),
            ("Note", note.body or "–"),
        ],
        back_url=record.notes_url,
        allowed=policy.can_correct_note(request.user, note),
        call=lambda kind, text: services.note_correct(
            actor=request.user, note=note, kind=kind, text=text
        ),
    )


@never_cache
@login_required
@help_key("history")
def note_history(request, public_id):
    """A note's versions: as written, and each amendment (for those who may read it)."""
    note, page = found(
        selectors.note_history(user=request.user, public_id=public_id, page=request.GET.get("page"))
    )
    page.extra = ""
    record = _note_record(note)
    return render(
        request,
        "notes/note_history.html",
        {"note": note, "record": record, "page": page},
    )

"""Notes mutations: add a note or log a call, amend your note within 24 hours, correct
one after, through the same services (and rules) as the notes screens."""

from datetime import datetime

import strawberry
from strawberry import relay
from strawberry.types import Info

from casework.notes import selectors, services
from graphql_api.auth import check_can_write, user_of
from graphql_api.corrections import CorrectionInput
from graphql_api.errors import FieldError, not_found, payload_of
from graphql_api.ids import public_id_of
from graphql_api.inputs import changes_given
from graphql_api.notes.queries import record_of
from graphql_api.notes.types import NoteCorrectionType, NoteType


@strawberry.type
class NotePayload:
    note: NoteType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class NoteCorrectPayload:
    correction: NoteCorrectionType | None = None
    note: NoteType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class NoteAddInput:
    contact_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The person (or give engagementId)."
    )
    engagement_id: relay.GlobalID | None = strawberry.field(
        default=None, description="An engagement: only those who may see it read the note."
    )
    kind: str = strawberry.field(description="call, visit, meeting, email or other.")
    happened_at: datetime
    summary: str
    body: str = ""
    duration_minutes: int | None = None
    confidential: bool = False


@strawberry.input
class CallLogInput:
    contact_id: relay.GlobalID | None = None
    engagement_id: relay.GlobalID | None = None
    summary: str = strawberry.field(description="What the call was about.")
    body: str = strawberry.field(default="", description="What was said.")


@strawberry.input
class NoteAmendInput:
    """Only what is sent changes (a field left out stays; null clears it, and the note
    then names a detail it needs)."""

    kind: str | None = strawberry.UNSET
    happened_at: datetime | None = strawberry.UNSET
    summary: str | None = strawberry.UNSET
    body: str | None = strawberry.UNSET
    duration_minutes: int | None = strawberry.UNSET
    confidential: bool | None = strawberry.UNSET


def _note(info, note_id):
    public_id = public_id_of(note_id, "Note")
    return selectors.note_get(user=user_of(info), public_id=public_id) if public_id else None


@strawberry.type
class NotesMutation:
    @strawberry.mutation(description="Add a note on a contact or in an engagement.")
    def note_add(self, info: Info, input: NoteAddInput) -> NotePayload:  # noqa: A002
        check_can_write(info)
        on = record_of(info, input.contact_id, input.engagement_id)
        if on is None:
            field = "engagement_id" if input.engagement_id is not None else "contact_id"
            return NotePayload(errors=not_found(field, "record"))

        def work():
            note = services.note_add(
                actor=user_of(info),
                contact=on["contact"] or on["engagement"].contact,
                engagement=on["engagement"],
                kind=input.kind,
                happened_at=input.happened_at,
                summary=input.summary,
                body=input.body,
                duration_minutes=input.duration_minutes,
                confidential=input.confidential,
            )
            return NotePayload(note=note)

        return payload_of(NotePayload, work)

    @strawberry.mutation(description="Log a call, now, in two fields: a call note.")
    def call_log(self, info: Info, input: CallLogInput) -> NotePayload:  # noqa: A002
        check_can_write(info)
        on = record_of(info, input.contact_id, input.engagement_id)
        if on is None:
            field = "engagement_id" if input.engagement_id is not None else "contact_id"
            return NotePayload(errors=not_found(field, "record"))

        def work():
            note = services.call_log(
                actor=user_of(info),
                contact=on["contact"] or on["engagement"].contact,
                engagement=on["engagement"],
                summary=input.summary,
                body=input.body,
            )
            return NotePayload(note=note)

        return payload_of(NotePayload, work)

    @strawberry.mutation(
        description="Amend your own note within 24 hours of writing it (its history keeps "
        "the version before). After that, use noteCorrect."
    )
    def note_amend(
        self,
        info: Info,
        note_id: relay.GlobalID,
        input: NoteAmendInput,  # noqa: A002
    ) -> NotePayload:
        check_can_write(info)
        note = _note(info, note_id)
        if note is None:
            return NotePayload(errors=not_found("note_id", "note"))
        changes = changes_given(input, skip=())

        def work():
            amended = services.note_amend(actor=user_of(info), note=note, **changes)
            return NotePayload(note=amended)

        return payload_of(NotePayload, work)

    @strawberry.mutation(
        description="Correct a note (entered in error, or the corrected text): the note "
        "stays, marked as corrected. Its author, a manager or a DSL."
    )
    def note_correct(
        self,
        info: Info,
        note_id: relay.GlobalID,
        input: CorrectionInput,  # noqa: A002
    ) -> NoteCorrectPayload:
        check_can_write(info)
        note = _note(info, note_id)
        if note is None:
            return NoteCorrectPayload(errors=not_found("note_id", "note"))

        def work():
            correction = services.note_correct(
                actor=user_of(info), note=note, kind=input.kind, text=input.text
            )
            return NoteCorrectPayload(correction=correction, note=note)

        return payload_of(NoteCorrectPayload, work)

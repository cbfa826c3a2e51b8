"""Client notes in the API: the notes on a contact or an engagement that the caller may
read, and the dates of confidential ones they may not (casework.notes.selectors)."""

from collections.abc import Iterable
from datetime import datetime

import strawberry
import strawberry_django
from strawberry import relay
from strawberry.types import Info
from strawberry_django.relay import DjangoListConnection

from casework.notes import models, policy
from graphql_api.accounts.types import ColleagueType
from graphql_api.auth import user_of
from graphql_api.corrections import Correction
from graphql_api.fields import model_type


@model_type(models.Note, name="Note")
class NoteType:
    @strawberry_django.field(name="id", description="For noteAmend and noteCorrect (not a node).")
    def global_id(self, root: models.Note) -> relay.GlobalID:
        return relay.GlobalID("Note", str(root.public_id))

    kind: str = strawberry_django.field(description="call, visit, meeting, email or other.")
    happened_at: datetime
    duration_minutes: int | None
    summary: str
    body: str
    confidential: bool = strawberry_django.field(
        description="Read only by its author, managers and designated safeguarding leads."
    )
    author: ColleagueType
    created_at: datetime

    @strawberry_django.field(description="“Call”, “Visit”, … as people read it.")
    def kind_label(self, root: models.Note) -> str:
        return root.get_kind_display()

    @strawberry_django.field(description="The engagement it was written in, if any.")
    def engagement_id(self, root: models.Note) -> relay.GlobalID | None:
        if root.engagement_id is None:
            return None
        return relay.GlobalID("Engagement", str(root.engagement.public_id))

    @strawberry_django.field(
        description="Whether you may still amend it (its author, within 24 hours of writing)."
    )
    def amendable(self, root: models.Note, info: Info) -> bool:
        return policy.can_amend_note(user_of(info), root)

    @strawberry_django.field(description="Corrections of this note, oldest first.")
    def corrected_by(self, root: models.Note) -> list["NoteCorrectionType"]:
        return list(root.corrections.all())


@strawberry.type(name="NoteCorrection")
class NoteCorrectionType(Correction):
    @classmethod
    def is_type_of(cls, obj, info) -> bool:
        return isinstance(obj, models.NoteCorrection)

    @strawberry.field(description="The note this corrects.")
    def corrects(self) -> NoteType:
        return self.note


@strawberry.type(name="NotesOnRecord")
class NotesOnRecordType:
    readable: strawberry.Private[Iterable[models.Note]]

    @strawberry_django.connection(
        DjangoListConnection[NoteType],
        description="The notes you may read, newest first, a page at a time.",
    )
    def notes(self) -> Iterable[models.Note]:
        return self.readable

    confidential_withheld: list[datetime] = strawberry.field(
        description="When each confidential note you may not read was written about (dates "
        "only: its words and author are not shown)."
    )

import strawberry
from strawberry import relay
from strawberry.types import Info

from casework import selectors as casework_selectors
from casework.notes import selectors
from graphql_api.auth import user_of
from graphql_api.ids import public_id_of
from graphql_api.notes.types import NotesOnRecordType


def record_of(info: Info, contact_id, engagement_id) -> dict | None:
    """{contact, engagement} the caller may see, or None (not found, or not theirs)."""
    user = user_of(info)
    if engagement_id is not None:
        public_id = public_id_of(engagement_id, "Engagement")
        engagement = (
            casework_selectors.engagement_get(user=user, public_id=public_id) if public_id else None
        )
        return None if engagement is None else {"contact": None, "engagement": engagement}
    public_id = public_id_of(contact_id, "Contact") if contact_id is not None else None
    contact = casework_selectors.contact_get(user=user, public_id=public_id) if public_id else None
    return None if contact is None else {"contact": contact, "engagement": None}


@strawberry.type
class NotesQuery:
    @strawberry.field(
        description="The notes on a contact (with those in their engagements you may see) or "
        "on an engagement: give one id. Null when the record is not one you may see."
    )
    def notes(
        self,
        info: Info,
        contact_id: relay.GlobalID | None = None,
        engagement_id: relay.GlobalID | None = None,
    ) -> NotesOnRecordType | None:
        on = record_of(info, contact_id, engagement_id)
        if on is None:
            return None
        user = user_of(info)
        return NotesOnRecordType(
            # Loaded here as the selector shapes it (its own select and prefetch), then paged.
            readable=list(selectors.notes_on(user=user, **on)),
            confidential_withheld=selectors.confidential_notes_withheld(user=user, **on),
        )

import strawberry
from strawberry import relay
from strawberry.types import Info

from casework.files import selectors as files
from casework.incidents import selectors as incidents
from graphql_api.auth import user_of
from graphql_api.limits import RECORD_LIST_MAX
from graphql_api.notes.queries import record_of
from graphql_api.record.types import ClientFileType, IncidentType


@strawberry.type
class RecordQuery:
    @strawberry.field(
        description="The files on a contact (with those in their engagements you may see) or "
        "on an engagement, newest first (at most 200): their details and where to download "
        "them in the portal, never their bytes. Null when the record is not one you may see."
    )
    def files(
        self,
        info: Info,
        contact_id: relay.GlobalID | None = None,
        engagement_id: relay.GlobalID | None = None,
    ) -> list[ClientFileType] | None:
        on = record_of(info, contact_id, engagement_id)
        if on is None:
            return None
        return list(files.files_on(user=user_of(info), **on)[:RECORD_LIST_MAX])

    @strawberry.field(
        description="The incidents on a contact, newest first (at most 200). Null when the "
        "contact is not one you may see."
    )
    def incidents(self, info: Info, contact_id: relay.GlobalID) -> list[IncidentType] | None:
        on = record_of(info, contact_id, None)
        if on is None:
            return None
        return list(
            incidents.incidents_on(user=user_of(info), contact=on["contact"])[:RECORD_LIST_MAX]
        )

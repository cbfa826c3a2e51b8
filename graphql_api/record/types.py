"""Files and incidents of the client record in the API: files' metadata only (their
bytes leave only through the portal's permission-checked, audited download), incidents
on a contact the caller may see."""

from datetime import datetime

import strawberry
import strawberry_django
from django.urls import reverse
from strawberry import relay

from casework.files import models as files
from casework.incidents import models as incidents
from graphql_api.accounts.types import ColleagueType
from graphql_api.errors import FieldError
from graphql_api.fields import model_type


@model_type(files.ClientFile, name="ClientFile")
class ClientFileType:
    @strawberry_django.field(name="id", description="The file (not a node).")
    def global_id(self, root: files.ClientFile) -> relay.GlobalID:
        return relay.GlobalID("ClientFile", str(root.public_id))

    name: str = strawberry_django.field(description="Its name, made safe.")
    content_type: str = strawberry_django.field(description="Read from its bytes on upload.")
    size: int = strawberry_django.field(description="In bytes.")
    description: str
    category: str
    uploaded_by: ColleagueType
    uploaded_at: datetime

    @strawberry_django.field(
        description="Where a signed-in member of staff who may see the record downloads it "
        "in the portal (checked and audited there; the API never sends the bytes)."
    )
    def download_path(self, root: files.ClientFile) -> str:
        return reverse("file_download", args=[root.public_id])

    @strawberry_django.field(description="The engagement it is kept in, if any.")
    def engagement_id(self, root: files.ClientFile) -> relay.GlobalID | None:
        if root.engagement_id is None:
            return None
        return relay.GlobalID("Engagement", str(root.engagement.public_id))


@model_type(incidents.Incident, name="Incident")
class IncidentType:
    @strawberry_django.field(name="id", description="The incident (not a node).")
    def global_id(self, root: incidents.Incident) -> relay.GlobalID:
        return relay.GlobalID("Incident", str(root.public_id))

    happened_at: datetime
    severity: str = strawberry_django.field(description="low, medium or high.")
    location: str
    description: str
    people_named: str = strawberry_django.field(description="Others involved, in words.")
    immediate_action: str
    follow_up_needed: bool
    reported_by: ColleagueType
    created_at: datetime

    @strawberry_django.field(description="The type, from the partner's own list.")
    def kind(self, root: incidents.Incident) -> str:
        return root.kind.name

    @strawberry_django.field(description="Contacts on the record who were involved.")
    def people_ids(self, root: incidents.Incident) -> list[relay.GlobalID]:
        return [relay.GlobalID("Contact", str(p.public_id)) for p in root.people.all()]


@strawberry.type(name="IncidentPayload")
class IncidentPayload:
    incident: IncidentType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)

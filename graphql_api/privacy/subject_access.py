"""Subject access through the API (issue 19): the data protection role asks for
everything held about a contact or a customer (the same service, rules and audit as the
screens), then follows the bundle's progress. The bundle is downloaded from the portal's
address, which only the account that asked for it can open (signed in)."""

from datetime import datetime

import strawberry
from django.urls import reverse
from strawberry import relay
from strawberry.types import Info

from graphql_api.auth import check_can_write, user_of
from graphql_api.errors import FieldError, not_found, payload_of
from graphql_api.ids import public_id_of
from privacy.subject_access import policy, selectors, services
from privacy.subject_access.models import ExportStatus, SubjectAccessExport


@strawberry.type(
    name="SubjectAccessExport",
    description="A subject access bundle you asked for: everything held about one person.",
)
class SubjectAccessExportType:
    id: str = strawberry.field(description="Its public id (as on the Subject access screen).")
    person_name: str = strawberry.field(description="The person's name when it was asked for.")
    status: str = strawberry.field(description="queued, running, ready or failed.")
    percent: int = strawberry.field(description="How much of it is built (100 when ready).")
    records: int = strawberry.field(description="How many records it holds (once ready).")
    error: str = strawberry.field(description="Why it failed (empty otherwise).")
    created_at: datetime
    finished_at: datetime | None
    download_url: str | None = strawberry.field(
        description="Where to download the zip once ready: the portal's address, which "
        "only you can open, signed in (each download is logged)."
    )


def export_typed(info: Info, export: SubjectAccessExport) -> SubjectAccessExportType:
    ready = export.status == ExportStatus.READY and bool(export.file)
    url = None
    if ready:
        path = reverse("subject_access_download", kwargs={"public_id": export.public_id})
        url = info.context.request.build_absolute_uri(path)
    return SubjectAccessExportType(
        id=str(export.public_id),
        person_name=export.person_name,
        status=export.status,
        percent=export.percent,
        records=export.records,
        error=export.error,
        created_at=export.created_at,
        finished_at=export.finished_at,
        download_url=url,
    )


def _person(info: Info, contact_id, customer_id):
    """(the person, None) or (None, errors): exactly one of the two ids, of this partner."""
    if (contact_id is None) == (customer_id is None):
        return None, [
            FieldError(
                field="contactId", message="Give a contact id or a customer id.", code="INVALID"
            )
        ]
    kind, given, type_name = (
        ("contact", contact_id, "Contact")
        if contact_id is not None
        else ("customer", customer_id, "Customer")
    )
    public_id = public_id_of(given, type_name)
    person = (
        selectors.subject_get(user=user_of(info), kind=kind, public_id=public_id)
        if public_id
        else None
    )
    if person is None:
        return None, not_found(f"{kind}_id", kind)
    return person, []


@strawberry.type(description="A file the bundle would hold, to leave out with `leaveOut`.")
class SubjectAccessFileType:
    key: str
    label: str = strawberry.field(description="Its kind of record and file name.")


@strawberry.type(
    description="What may be taken out of a bundle about one person before asking for it."
)
class SubjectAccessChoicesType:
    names: list[str] = strawberry.field(
        description="Other people's names found in the notes, for `redact`."
    )
    files: list[SubjectAccessFileType] = strawberry.field(
        description="The person's files, for `leaveOut`: text inside a file cannot be "
        "redacted, so leave out one holding other people's details and give it separately, "
        "redacted by hand."
    )


@strawberry.type
class SubjectAccessQuery:
    @strawberry.field(
        description="Before asking for a bundle about a contact or a customer: the names "
        "that may be redacted and the files that may be left out (the data protection role; "
        "null for anyone else or an unknown person)."
    )
    def subject_access_choices(
        self,
        info: Info,
        contact_id: relay.GlobalID | None = None,
        customer_id: relay.GlobalID | None = None,
    ) -> SubjectAccessChoicesType | None:
        person, errors = _person(info, contact_id, customer_id)
        if errors:
            return None
        kind = "contact" if contact_id is not None else "customer"
        return SubjectAccessChoicesType(
            names=selectors.names_offered(kind=kind, person=person),
            files=[
                SubjectAccessFileType(key=key, label=label)
                for key, label in selectors.files_offered(kind=kind, person=person)
            ],
        )

    @strawberry.field(
        description="A subject access bundle you asked for, with its progress (null for "
        "anyone else's, as for an unknown id)."
    )
    def subject_access_export(
        self,
        info: Info,
        id: strawberry.ID,  # noqa: A002
    ) -> SubjectAccessExportType | None:
        export = selectors.subject_export_get(user=user_of(info), public_id=str(id))
        return export_typed(info, export) if export else None


@strawberry.type
class SubjectAccessPayload:
    export: SubjectAccessExportType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class SubjectAccessMutation:
    @strawberry.mutation(
        description="Ask for everything held about a contact (a caller too) or a customer "
        "(the data protection role): the bundle is built in the background; follow it with "
        "subjectAccessExport. `redact` takes out third parties' names found in the notes, "
        "`leaveOut` leaves files out of the zip (keys from subjectAccessChoices)."
    )
    def subject_access_request(
        self,
        info: Info,
        contact_id: relay.GlobalID | None = None,
        customer_id: relay.GlobalID | None = None,
        redact: list[str] | None = None,
        leave_out: list[str] | None = None,
    ) -> SubjectAccessPayload:
        check_can_write(info)

        def work():
            # The role first: anyone else is refused, whatever the id names.
            policy.check_take_subject_access(user_of(info))
            person, errors = _person(info, contact_id, customer_id)
            if errors:
                return SubjectAccessPayload(errors=errors)
            export = services.subject_export_create(
                actor=user_of(info),
                person=person,
                redact=list(redact or []),
                leave_out=list(leave_out or []),
            )
            return SubjectAccessPayload(export=export_typed(info, export))

        return payload_of(SubjectAccessPayload, work)

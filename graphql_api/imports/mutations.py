"""Importing a file through the API, by the same services (and rules and messages) as
the Import screens (casework.imports.services): upload (the file's bytes in base64),
check (the dry run, with the columns chosen), then import."""

import base64
import binascii

import strawberry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from strawberry.types import Info

from casework.imports import services
from graphql_api.auth import check_can_write, user_of
from graphql_api.errors import FieldError, not_found, payload_of
from graphql_api.imports.queries import import_job_of
from graphql_api.imports.types import ImportJobType, job_type


@strawberry.type
class ImportPayload:
    job: ImportJobType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class ImportUploadInput:
    kind: str = strawberry.field(description="What the file holds (a kind's key: contacts, …).")
    file_name: str = strawberry.field(description="Its name, ending .csv or .xlsx.")
    content_base64: str = strawberry.field(
        description="The file's bytes in base64; at most the Import area's limit "
        "(CASEBRIDGE_IMPORT_MAX_BYTES, 50 MB unless set)."
    )


@strawberry.input
class ImportColumnInput:
    field: str
    column: str = strawberry.field(description="The file's column heading (empty: not read).")


@strawberry.input
class ImportCheckInput:
    job_id: strawberry.ID
    mapping: list[ImportColumnInput] | None = strawberry.field(
        default=None, description="The columns chosen (left out: those already mapped)."
    )
    source_system: str | None = strawberry.field(
        default=None, description="The system the file came from (left out: kept)."
    )


def _decoded(input: ImportUploadInput) -> SimpleUploadedFile:  # noqa: A002
    """The file, refused before decoding when its text is longer than the limit allows."""
    most = services.max_bytes()
    if len(input.content_base64) > (most // 3 + 1) * 4 + 4:
        raise ValidationError(
            {
                "content_base64": f"The file is larger than the most an import takes "
                f"({most / (1024 * 1024):.1f} MB). Split it into smaller files."
            }
        )
    try:
        content = base64.b64decode(input.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError({"content_base64": "This is not base64 text."}) from None
    return SimpleUploadedFile(input.file_name[-200:] or "upload.csv", content)


RENAMED = {"file": "contentBase64", "job": "jobId"}


@strawberry.type
class ImportsMutation:
    @strawberry.mutation(
        description="Upload a file to import (managers and champions): refused whole when it "
        "cannot be read; the columns of a known export come mapped."
    )
    def import_upload(self, info: Info, input: ImportUploadInput) -> ImportPayload:  # noqa: A002
        check_can_write(info)

        def work():
            job = services.import_upload(
                actor=user_of(info), kind_key=input.kind, uploaded=_decoded(input)
            )
            return ImportPayload(job=job_type(job))

        return payload_of(ImportPayload, work, renamed=RENAMED)

    @strawberry.mutation(
        description="Keep the columns chosen and start the dry run: every row checked as the "
        "screens check it, nothing saved. Read its progress and report on importJob."
    )
    def import_check(self, info: Info, input: ImportCheckInput) -> ImportPayload:  # noqa: A002
        check_can_write(info)
        job = import_job_of(info, input.job_id)
        if job is None:
            return ImportPayload(errors=not_found("job_id", "import"))
        mapping = (
            {c.field: c.column for c in input.mapping} if input.mapping is not None else job.mapping
        )

        def work():
            checked = services.import_check(
                actor=user_of(info),
                job=job,
                mapping=mapping,
                source_system=input.source_system or "",
            )
            return ImportPayload(job=job_type(checked))

        return payload_of(ImportPayload, work, renamed=RENAMED)

    @strawberry.mutation(
        description="Import a checked file, in batches, each all or nothing; a file run "
        "again creates nothing twice."
    )
    def import_start(self, info: Info, job_id: strawberry.ID) -> ImportPayload:
        check_can_write(info)
        job = import_job_of(info, job_id)
        if job is None:
            return ImportPayload(errors=not_found("job_id", "import"))

        def work():
            return ImportPayload(job=job_type(services.import_start(actor=user_of(info), job=job)))

        return payload_of(ImportPayload, work, renamed=RENAMED)

import uuid

import strawberry
from strawberry.types import Info

from casework.imports import selectors
from graphql_api.auth import user_of
from graphql_api.imports.types import ImportJobType, job_type

IMPORT_JOBS_MAX = 50


@strawberry.type
class ImportsQuery:
    @strawberry.field(
        description="The partner's imports, newest first, for managers and champions (empty "
        f"for anyone else): at most {IMPORT_JOBS_MAX}."
    )
    def import_jobs(self, info: Info, first: int = 20) -> list[ImportJobType]:
        limit = min(max(first, 1), IMPORT_JOBS_MAX)
        return [job_type(job) for job in selectors.import_jobs(user=user_of(info))[:limit]]

    @strawberry.field(
        description="One import by its id, with its progress while it runs and its reports "
        "(null: no such import here, or you may not import)."
    )
    def import_job(self, info: Info, id: strawberry.ID) -> ImportJobType | None:  # noqa: A002
        job = import_job_of(info, id)
        return job_type(job) if job else None


def import_job_of(info: Info, public_id):
    """The import with this id, if the asker may import and it is this partner's."""
    try:
        key = str(uuid.UUID(str(public_id)))
    except ValueError:
        return None
    return selectors.import_job_get(user=user_of(info), public_id=key)

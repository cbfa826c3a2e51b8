import strawberry
from strawberry import relay
from strawberry.types import Info

from casework.assessments import selectors
from graphql_api.assessments.types import (
    VERSIONS_MAX,
    AssessmentType,
    TemplateType,
    VersionSummaryType,
    assessment_type,
    version_type,
)
from graphql_api.auth import user_of
from graphql_api.notes.queries import record_of

TEMPLATES_MAX = 20
# A record's assessments, newest first: `first` of them (ASSESSMENTS_FIRST when not
# given), never more than ASSESSMENTS_MAX: the cost limit counts the list at that.
ASSESSMENTS_FIRST = 20
ASSESSMENTS_MAX = 50


@strawberry.type
class AssessmentsQuery:
    @strawberry.field(
        description=f"The assessment templates you may fill in (at most {TEMPLATES_MAX}), "
        "with their published versions and typed questions."
    )
    def assessment_templates(self, info: Info) -> list[TemplateType]:
        templates = selectors.templates_offered_with_versions(
            user=user_of(info), limit=TEMPLATES_MAX
        )
        return [
            TemplateType(
                id=relay.GlobalID("AssessmentTemplate", str(t.public_id)),
                name=t.name,
                description=t.description,
                requires_approval=t.requires_approval,
                latest_version=version_type(t.versions.all()[0]),
                versions=[
                    VersionSummaryType(
                        id=relay.GlobalID("AssessmentTemplateVersion", str(v.public_id)),
                        number=v.number,
                        published_at=v.published_at,
                    )
                    for v in list(t.versions.all())[:VERSIONS_MAX]
                ],
            )
            for t in templates
        ]

    @strawberry.field(
        description="The assessments on an engagement, or on a contact (in the engagements "
        "you may see): give one id. Newest first: the first `first` of them (default "
        f"{ASSESSMENTS_FIRST}, at most {ASSESSMENTS_MAX}). Null when the record is not one "
        "you may see."
    )
    def assessments(
        self,
        info: Info,
        contact_id: relay.GlobalID | None = None,
        engagement_id: relay.GlobalID | None = None,
        first: int = ASSESSMENTS_FIRST,
    ) -> list[AssessmentType] | None:
        on = record_of(info, contact_id, engagement_id)
        if on is None:
            return None
        limit = min(max(first, 1), ASSESSMENTS_MAX)
        assessments = selectors.assessments_on(user=user_of(info), **on)[:limit]
        return [assessment_type(a) for a in assessments]

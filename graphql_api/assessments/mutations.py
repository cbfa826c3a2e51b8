"""Assessment mutations: start one on an engagement, save answers (typed per question)
and complete it, through the same services and rules as the screens."""

import datetime as dt

import strawberry
from strawberry import relay
from strawberry.types import Info

from casework import selectors as casework_selectors
from casework.assessments import selectors, services
from graphql_api.assessments.types import AssessmentType, assessment_type
from graphql_api.auth import check_can_write, user_of
from graphql_api.errors import FieldError, not_found, payload_of
from graphql_api.ids import public_id_of


@strawberry.type
class AssessmentPayload:
    assessment: AssessmentType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class AnswerInput:
    """One answer: set the field of the question's type (text, number, date, choice,
    choices, yes or scale); all null clears it."""

    question_key: str
    text: str | None = None
    number: float | None = None
    date: dt.date | None = None
    choice: str | None = None
    choices: list[str] | None = None
    yes: bool | None = None
    scale: int | None = None


def _value(answer: AnswerInput):
    for name in ("text", "number", "date", "choice", "choices", "yes", "scale"):
        value = getattr(answer, name)
        if value is not None:
            return value
    return None


def _reread(info, assessment):
    return assessment_type(
        selectors.assessment_get(user=user_of(info), public_id=assessment.public_id)
    )


@strawberry.type
class AssessmentsMutation:
    @strawberry.mutation(description="Start a draft assessment on an engagement.")
    def assessment_start(
        self, info: Info, engagement_id: relay.GlobalID, template_id: relay.GlobalID
    ) -> AssessmentPayload:
        check_can_write(info)
        user = user_of(info)
        public_id = public_id_of(engagement_id, "Engagement")
        engagement = (
            casework_selectors.engagement_get(user=user, public_id=public_id) if public_id else None
        )
        if engagement is None:
            return AssessmentPayload(errors=not_found("engagement_id", "engagement"))
        template_public_id = public_id_of(template_id, "AssessmentTemplate")
        template = (
            selectors.template_get(user=user, public_id=template_public_id, offered=True)
            if template_public_id
            else None
        )
        if template is None:
            return AssessmentPayload(errors=not_found("template_id", "template"))
        return payload_of(
            AssessmentPayload,
            lambda: AssessmentPayload(
                assessment=_reread(
                    info,
                    services.assessment_start(actor=user, engagement=engagement, template=template),
                )
            ),
        )

    @strawberry.mutation(
        description="Save a draft's answers (each checked by its question's type; errors "
        "name the question key) and, with complete: true, complete it (every required "
        "question answered). A completed assessment cannot change."
    )
    def assessment_save(
        self,
        info: Info,
        assessment_id: relay.GlobalID,
        answers: list[AnswerInput],
        complete: bool = False,
    ) -> AssessmentPayload:
        check_can_write(info)
        user = user_of(info)
        public_id = public_id_of(assessment_id, "Assessment")
        assessment = selectors.assessment_get(user=user, public_id=public_id) if public_id else None
        if assessment is None:
            return AssessmentPayload(errors=not_found("assessment_id", "assessment"))
        given = {a.question_key: _value(a) for a in answers[:500]}
        return payload_of(
            AssessmentPayload,
            lambda: AssessmentPayload(
                assessment=_reread(
                    info,
                    services.assessment_answers_save(
                        actor=user, assessment=assessment, answers=given, complete=complete
                    ),
                )
            ),
        )

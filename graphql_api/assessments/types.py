"""Assessments in the API: templates with their published versions and typed questions,
and assessments with answers typed by question (one value field per type, the rest
null), built from what the selectors read (no query per item)."""

import datetime as dt
from datetime import datetime

import strawberry
from strawberry import relay

from casework.assessments import definition as d
from casework.assessments.models import Assessment, TemplateVersion

# A template's versions listed in the API: the newest, at most this many.
VERSIONS_MAX = 20


@strawberry.type(name="AssessmentQuestion")
class QuestionType:
    key: str = strawberry.field(description="Names the answer in assessmentSave.")
    section: str = strawberry.field(description="The title of the section it is in.")
    label: str
    kind: str = strawberry.field(
        description="text, number, date, single, multiple, yes_no, scale5 (1–5) or scale10 (0–10)."
    )
    required: bool
    help: str
    choices: list[str] = strawberry.field(description="For single and multiple: the answers.")
    domain: str | None = strawberry.field(description="The domain this 0–10 scale scores.")


@strawberry.type(name="AssessmentDomain")
class DomainType:
    key: str
    label: str


@strawberry.type(name="AssessmentTemplateVersion")
class VersionType:
    id: relay.GlobalID
    number: int
    name: str
    published_at: datetime
    sections: list[str] = strawberry.field(description="The sections' titles, in order.")
    questions: list[QuestionType] = strawberry.field(
        description=f"Every question in order (at most {d.MOST_QUESTIONS})."
    )
    domains: list[DomainType]


def version_type(v: TemplateVersion) -> VersionType:
    definition = v.definition
    return VersionType(
        id=relay.GlobalID("AssessmentTemplateVersion", str(v.public_id)),
        number=v.number,
        name=v.name,
        published_at=v.published_at,
        sections=[s["title"] for s in definition.get("sections", [])],
        questions=[
            QuestionType(
                key=q["key"],
                section=s["title"],
                label=q["label"],
                kind=q["kind"],
                required=bool(q.get("required")),
                help=q.get("help", ""),
                choices=list(q.get("choices") or []),
                domain=q.get("domain") or None,
            )
            for s in definition.get("sections", [])
            for q in s["questions"]
        ],
        domains=[DomainType(key=x["key"], label=x["label"]) for x in definition["domains"]],
    )


@strawberry.type(name="AssessmentTemplate")
class TemplateType:
    id: relay.GlobalID
    name: str
    description: str
    requires_approval: bool
    latest_version: VersionType = strawberry.field(
        description="The version new assessments are filled in with."
    )
    versions: list["VersionSummaryType"] = strawberry.field(
        description=f"Published versions, newest first (at most {VERSIONS_MAX}); an "
        "assessment's own version is on the assessment."
    )


@strawberry.type(name="AssessmentTemplateVersionSummary")
class VersionSummaryType:
    id: relay.GlobalID
    number: int
    published_at: datetime


@strawberry.type(name="AssessmentAnswer")
class AnswerType:
    """One question's answer: the field of its type is set, the others are null."""

    question_key: str
    kind: str
    text: str | None = None
    number: float | None = None
    date: dt.date | None = None
    choice: str | None = None
    choices: list[str] | None = None
    yes: bool | None = None
    scale: int | None = None


def answer_type(q: dict, value) -> AnswerType:
    answer = AnswerType(question_key=q["key"], kind=q["kind"])
    if value is None:
        return answer
    field = {
        "text": "text",
        "number": "number",
        "date": "date",
        "single": "choice",
        "multiple": "choices",
        "yes_no": "yes",
    }.get(q["kind"], "scale")
    setattr(answer, field, dt.date.fromisoformat(value) if field == "date" else value)
    return answer


@strawberry.type(name="AssessmentDomainScore")
class ScoreType:
    key: str
    label: str
    score: float


@strawberry.type(name="Assessment")
class AssessmentType:
    id: relay.GlobalID
    engagement_id: relay.GlobalID
    status: str = strawberry.field(description="draft or completed.")
    version: VersionType = strawberry.field(description="What it was filled in with.")
    answers: list[AnswerType]
    scores: list[ScoreType]
    total_score: float | None
    needs_approval: bool
    approval: str | None = strawberry.field(description="approved, rejected or null.")
    created_at: datetime
    completed_at: datetime | None
    corrections: list[str] = strawberry.field(description="“Corrected: …”, oldest first.")


def assessment_type(a: Assessment) -> AssessmentType:
    definition = a.version.definition
    labels = {x["key"]: x["label"] for x in definition.get("domains", [])}
    decision = getattr(a, "decision", None) if hasattr(a, "decision") else None
    return AssessmentType(
        id=relay.GlobalID("Assessment", str(a.public_id)),
        engagement_id=relay.GlobalID("Engagement", str(a.engagement.public_id)),
        status=a.status,
        version=version_type(a.version),
        answers=[answer_type(q, a.answers.get(q["key"])) for q in d.questions_of(definition)],
        scores=[
            ScoreType(key=k, label=label, score=a.scores[k])
            for k, label in labels.items()
            if k in a.scores
        ],
        total_score=float(a.total_score) if a.total_score is not None else None,
        needs_approval=a.needs_approval,
        approval=decision.outcome if decision else None,
        created_at=a.created_at,
        completed_at=a.completed_at,
        corrections=[c.headline for c in a.corrections.all()],
    )

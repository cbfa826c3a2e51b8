"""Writing assessments: managers build a template's draft (sections, questions, domains,
moved up and down) and publish it as a new version; practitioners start an assessment on
an engagement, save answers, complete it; a completed one is corrected beside it and,
where the template asks, approved once by someone else. Every change goes through
policy first and is kept by the change history, attributed to the actor."""

import copy

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.assessments import definition as d
from casework.assessments import policy
from casework.assessments.models import (
    Assessment,
    AssessmentCorrection,
    AssessmentDecision,
    AssessmentStatus,
    AssessmentTemplate,
    Outcome,
    TemplateVersion,
)
from casework.models import Engagement
from casework.tracking import attributed
from tenants.corrections import correction_clean


def _text(value, *, field, message, longest=d.LONGEST_LABEL) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    if len(value) > longest:
        raise ValidationError({field: f"Keep it under {longest:,} characters."})
    return value


@attributed
def template_create(
    *, actor, name: str, description: str = "", requires_approval: bool = False
) -> AssessmentTemplate:
    policy.check_build_templates(actor)
    name = _text(name, field="name", message="Enter the template's name.", longest=200)
    return AssessmentTemplate.objects.create(
        name=name,
        description=(description or "").strip(),
        requires_approval=bool(requires_approval),
    )


@attributed
def template_settings_change(
    *, actor, template: AssessmentTemplate, name: str, description: str, requires_approval: bool
) -> AssessmentTemplate:
    policy.check_build_templates(actor)
    name = _text(name, field="name", message="Enter the template's name.", longest=200)
    with transaction.atomic():
        template = AssessmentTemplate.objects.select_for_update().get(pk=template.pk)
        template.name = name
        template.description = (description or "").strip()
        template.requires_approval = bool(requires_approval)
        template.save(update_fields=["name", "description", "requires_approval"])
    return template


def _draft_edit(actor, template, change) -> AssessmentTemplate:
    """Lock the template, apply change(draft) to a copy of its draft, save it."""
    policy.check_build_templates(actor)
    with transaction.atomic():
        template = AssessmentTemplate.objects.select_for_update().get(pk=template.pk)
        draft = copy.deepcopy(template.draft)
        change(draft)
        template.draft = draft
        template.save(update_fields=["draft"])
    return template


def _section(draft, index) -> dict:
    try:
        return draft["sections"][int(index)]
    except (IndexError, ValueError, TypeError) as exc:
        raise ValidationError({"section": "Choose a section of this template."}) from exc


@attributed
def template_section_add(*, actor, template: AssessmentTemplate, title: str):
    title = _text(title, field="title", message="Enter the section's title.")
    return _draft_edit(
        actor, template, lambda draft: draft["sections"].append({"title": title, "questions": []})
    )


@attributed
def template_domain_add(*, actor, template: AssessmentTemplate, label: str):
    label = _text(label, field="label", message="Enter the domain's name, like Housing.")

    def change(draft):
        taken = {x["key"] for x in draft["domains"]}
        if any(x["label"].lower() == label.lower() for x in draft["domains"]):
            raise ValidationError({"label": "This template already scores that domain."})
        if len(draft["domains"]) >= d.MOST_DOMAINS:
            raise ValidationError({"label": f"A template scores at most {d.MOST_DOMAINS} domains."})
        draft["domains"].append({"key": d.key_for(label, taken), "label": label})

    return _draft_edit(actor, template, change)


@attributed
def template_question_add(
    *,
    actor,
    template: AssessmentTemplate,
    section: int,
    label: str,
    kind: str,
    required: bool = False,
    help_text: str = "",
    choices: list[str] = (),
    domain: str = "",
):
    errors = {}
    label = (label or "").strip()
    choices = [c.strip() for c in choices if c and c.strip()]
    if not label:
        errors["label"] = "Enter the question."
    elif len(label) > d.LONGEST_LABEL:
        errors["label"] = f"Keep the question under {d.LONGEST_LABEL} characters."
    if kind not in d.QUESTION_KINDS:
        errors["kind"] = "Choose the type of answer."
    elif kind in d.CHOICE_KINDS and len(choices) < 2:
        errors["choices"] = "Enter at least two choices, one a line."
    if len(choices) > d.MOST_CHOICES or len(set(choices)) != len(choices):
        errors["choices"] = f"Enter up to {d.MOST_CHOICES} different choices, one a line."
    if domain and kind != "scale10":
        errors["domain"] = "Only a 0–10 scale question can score a domain."
    if len((help_text or "").strip()) > d.LONGEST_LABEL:
        errors["help_text"] = f"Keep the help under {d.LONGEST_LABEL} characters."
    if errors:
        raise ValidationError(errors)

    def change(draft):
        if domain and domain not in {x["key"] for x in draft["domains"]}:
            raise ValidationError({"domain": "Choose a domain of this template."})
        taken = {q["key"] for q in d.questions_of(draft)}
        if len(taken) >= d.MOST_QUESTIONS:
            raise ValidationError({"label": f"A template holds at most {d.MOST_QUESTIONS}."})
        _section(draft, section)["questions"].append(
            {
                "key": d.key_for(label, taken),
                "label": label,
                "kind": kind,
                "required": bool(required),
                "help": (help_text or "").strip(),
                "choices": choices if kind in d.CHOICE_KINDS else [],
                "domain": domain or "",
            }
        )

    return _draft_edit(actor, template, change)


@attributed
def template_item_move(
    *, actor, template: AssessmentTemplate, section: int, question: int | None, up: bool
):
    """Move a section (question None) or a question within its section up or down."""

    def change(draft):
        items = draft["sections"] if question is None else _section(draft, section)["questions"]
        at = int(section if question is None else question)
        to = at - 1 if up else at + 1
        if not (0 <= at < len(items)):
            raise ValidationError({"section": "Choose something of this template to move."})
        if 0 <= to < len(items):
            items[at], items[to] = items[to], items[at]

    return _draft_edit(actor, template, change)


@attributed
def template_item_remove(
    *, actor, template: AssessmentTemplate, section: int, question: int | None
):
    """Remove a section or question from the draft (published versions keep theirs)."""

    def change(draft):
        if question is None:
            _section(draft, section)
            del draft["sections"][int(section)]
            return
        questions = _section(draft, section)["questions"]
        if not (0 <= int(question) < len(questions)):
            raise ValidationError({"question": "Choose a question of this template."})
        del questions[int(question)]

    return _draft_edit(actor, template, change)


@attributed
def template_publish(*, actor, template: AssessmentTemplate) -> TemplateVersion:
    """The draft becomes the next version, frozen; assessments started from now on use it
    (those already filled keep theirs)."""
    policy.check_build_templates(actor)
    with transaction.atomic():
        template = AssessmentTemplate.objects.select_for_update().get(pk=template.pk)
        d.definition_check(template.draft)
        latest = template.versions.order_by("-number").first()
        if latest is not None and latest.definition == template.draft:
            if latest.name == template.name:
                raise ValidationError({"definition": "Nothing has changed since the last version."})
        return TemplateVersion.objects.create(
            template=template,
            number=(latest.number + 1) if latest else 1,
            name=template.name,
            definition=copy.deepcopy(template.draft),
            published_by=actor,
        )


@attributed
def assessment_start(*, actor, engagement: Engagement, template: AssessmentTemplate) -> Assessment:
    """A draft assessment on the engagement, with the template's latest version."""
    policy.check_fill_on(actor, engagement)
    with transaction.atomic():
        engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
        policy.check_fill_on(actor, engagement)
        version = template.versions.order_by("-number").first()
        if version is None:
            raise ValidationError({"template": "This template has not been published yet."})
        return Assessment.objects.create(
            contact=engagement.contact,
            engagement=engagement,
            version=version,
            needs_approval=template.requires_approval,
            author=actor,
        )


@attributed
def assessment_answers_save(
    *, actor, assessment: Assessment, answers: dict, complete: bool = False
) -> Assessment:
    """Save a draft's answers (each checked by its question's type, field by field); to
    complete, every required question must be answered. Completed: fixed."""
    with transaction.atomic():
        assessment = (
            Assessment.objects.select_for_update(of=("self",))
            .select_related("engagement", "version")
            .get(pk=assessment.pk)
        )
        policy.check_edit_assessment(actor, assessment)
        definition = assessment.version.definition
        cleaned = d.answers_clean(definition, answers, complete=complete)
        assessment.answers = cleaned
        fields = ["answers"]
        if complete:
            assessment.scores, assessment.total_score = d.scores_of(definition, cleaned)
            assessment.status = AssessmentStatus.COMPLETED
            assessment.completed_at = timezone.now()
            assessment.completed_by = actor
            fields += ["scores", "total_score", "status", "completed_at", "completed_by"]
        assessment.save(update_fields=fields)
    return assessment


@attributed
def assessment_correct(
    *, actor, assessment: Assessment, kind: str, text: str
) -> AssessmentCorrection:
    """“Entered in error: <why>” or the corrected answer, beside the assessment."""
    policy.check_correct_assessment(actor, assessment)
    kind, text = correction_clean(kind=kind, text=text)
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        return AssessmentCorrection.objects.create(
            assessment=assessment,
            kind=kind,
            text=text,
            author=actor,
            author_name=actor.get_full_name(),
        )


@attributed
def assessment_decide(
    *, actor, assessment: Assessment, approve: bool, comment: str
) -> AssessmentDecision:
    """Approve (or not) a completed assessment: once, never by who completed it."""
    policy.check_decide(actor, assessment)
    comment = (comment or "").strip()
    if not approve and not comment:
        raise ValidationError({"comment": "Say why it is not approved."})
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if AssessmentDecision.objects.filter(assessment=assessment).exists():
            raise ValidationError("This assessment has already been decided.")
        try:
            with transaction.atomic():
                return AssessmentDecision.objects.create(
                    assessment=assessment,
                    decided_by=actor,
                    outcome=Outcome.APPROVED if approve else Outcome.REJECTED,
                    comment=comment,
                )
        except IntegrityError as exc:
            raise ValidationError("This assessment has already been decided.") from exc

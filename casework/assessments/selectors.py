"""Reading templates and assessments: always what the user may see, filtered in SQL, in a
fixed number of queries."""

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Max, Prefetch, Q, QuerySet

from casework import policy as casework_policy
from casework.assessments import policy
from casework.assessments.models import (
    Assessment,
    AssessmentCorrection,
    AssessmentStatus,
    AssessmentTemplate,
    TemplateVersion,
)
from casework.selectors import engagements_visible_to


def _for_this_partner(templates: QuerySet) -> QuerySet:
    kind = getattr(getattr(connection, "tenant", None), "kind", "")
    return templates.filter(Q(for_kinds="") | Q(for_kinds__contains=kind or "-"))


def templates_for_builders(*, user) -> QuerySet[AssessmentTemplate]:
    """The partner's templates, for managers (with their latest version number)."""
    if not policy.can_build_templates(user):
        return AssessmentTemplate.objects.none()
    return _for_this_partner(AssessmentTemplate.objects.all()).annotate(
        latest_number=Max("versions__number")
    )


def templates_offered(*, user) -> QuerySet[AssessmentTemplate]:
    """Published templates a caseworker may start an assessment with."""
    if not casework_policy.can_record_casework(user):
        return AssessmentTemplate.objects.none()
    return (
        _for_this_partner(AssessmentTemplate.objects.filter(versions__isnull=False))
        .distinct()
        .order_by("name", "id")
    )


def templates_offered_with_versions(*, user, limit: int) -> list[AssessmentTemplate]:
    """The templates offered (at most `limit`), each with its versions newest first
    (two queries)."""
    return list(
        templates_offered(user=user).prefetch_related(
            Prefetch("versions", queryset=TemplateVersion.objects.order_by("-number"))
        )[:limit]
    )


def template_get(*, user, public_id, offered=False) -> AssessmentTemplate | None:
    templates = templates_offered(user=user) if offered else templates_for_builders(user=user)
    try:
        return templates.filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def assessments_visible_to(*, user) -> QuerySet[Assessment]:
    if not casework_policy.can_record_casework(user):
        return Assessment.objects.none()
    return Assessment.objects.filter(
        contact__removed_at__isnull=True,
        engagement__in=engagements_visible_to(user=user).values("pk"),
    )


def _on(assessments, *, contact=None, engagement=None):
    if engagement is not None:
        return assessments.filter(engagement=engagement)
    return assessments.filter(contact=contact)


def assessments_on(*, user, contact=None, engagement=None) -> QuerySet[Assessment]:
    """A record's assessments (a contact's: in the engagements the user may see)."""
    return (
        _on(assessments_visible_to(user=user), contact=contact, engagement=engagement)
        .select_related("version", "author", "completed_by", "engagement__programme", "decision")
        .prefetch_related(
            Prefetch("corrections", queryset=AssessmentCorrection.objects.order_by("at"))
        )
    )


def assessments_count(*, user, contact=None, engagement=None) -> int:
    return _on(assessments_visible_to(user=user), contact=contact, engagement=engagement).count()


def assessment_get(*, user, public_id) -> Assessment | None:
    try:
        return (
            assessments_visible_to(user=user)
            .select_related(
                "version",
                "author",
                "completed_by",
                "engagement__programme",
                "engagement__contact",
                "engagement__owner",
                "contact",
                "decision__decided_by",
            )
            .prefetch_related(
                Prefetch("corrections", queryset=AssessmentCorrection.objects.order_by("at"))
            )
            .filter(public_id=public_id)
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        return None


def domain_scores(assessments) -> list[dict]:
    """Each scored domain over time, from completed assessments already read (no query):
    [{"label", "points": [(completed day, score)]}], domains keyed by label so the same
    domain in two templates or versions is one line."""
    by_label: dict[str, list] = {}
    done = [a for a in assessments if a.status == AssessmentStatus.COMPLETED and a.scores]
    for a in sorted(done, key=lambda a: a.completed_at):
        labels = {x["key"]: x["label"] for x in a.version.definition.get("domains", [])}
        for key, label in labels.items():
            if key in a.scores:
                by_label.setdefault(label, []).append((a.completed_at.date(), a.scores[key]))
    return [{"label": label, "points": points} for label, points in by_label.items()]

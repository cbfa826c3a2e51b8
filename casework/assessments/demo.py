"""Demo: the family centre's first child has two completed initial family assessments,
six weeks apart, so the domain chart shows a trend (idempotent)."""

from datetime import timedelta

from django.utils import timezone

from casework.assessments.models import Assessment, AssessmentTemplate
from casework.assessments.services import assessment_answers_save, assessment_start
from casework.models import Engagement


def assessments_demo_seed(*, practitioner) -> None:
    engagement = Engagement.objects.select_related("contact").order_by("id").first()
    template = AssessmentTemplate.objects.filter(name="Initial family assessment").first()
    if engagement is None or template is None or Assessment.objects.exists():
        return
    today = timezone.localdate()
    for weeks_ago, scores, steps in (
        (6, (4, 6, 5, 7), "Register with the health visitor; nursery place."),
        (0, (6, 7, 6, 8), "Keep the routine; review in three months."),
    ):
        assessment = assessment_start(actor=practitioner, engagement=engagement, template=template)
        housing, health, education, safety = scores
        assessment_answers_save(
            actor=practitioner,
            assessment=assessment,
            complete=True,
            answers={
                "assessed_on": (today - timedelta(weeks=weeks_ago)).isoformat(),
                "household": "Mum and the child.",
                "children_count": 1,
                "support_now": ["Health visitor"],
                "housing_score": housing,
                "health_score": health,
                "education_score": education,
                "safety_score": safety,
                "worries": False,
                "next_steps": steps,
            },
        )

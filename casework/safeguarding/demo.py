"""Fictional safeguarding cases for the demo family centre: one High concern due for
an update tomorrow and one Low concern overdue, so the home page, the bell and the
daily sweep show something real. The practitioner's line manager is the manager."""

from datetime import timedelta

from django.utils import timezone

from casework.models import Engagement
from casework.safeguarding.models import SafeguardingCase
from casework.safeguarding.services.cases import case_open


def safeguarding_demo_seed(*, practitioner, manager) -> None:
    """Idempotent: does nothing once the partner has a case."""
    if practitioner.line_manager_id is None:
        practitioner.line_manager = manager
        practitioner.job_title = practitioner.job_title or "Family support worker"
        practitioner.save(update_fields=["line_manager", "job_title"])
    if SafeguardingCase.objects.exists():
        return
    engagements = list(
        Engagement.objects.filter(owner=practitioner, programme__name="Riverside Families")
        .select_related("contact")
        .order_by("contact__last_name")[:2]
    )
    if len(engagements) < 2:
        return
    today = timezone.localdate()
    case_open(
        actor=practitioner,
        engagement=engagements[0],
        threshold="high",
        description="Child said an older cousin hurts them at weekends (fictional demo).",
        raised_with="Morgan Manager, centre manager and designated safeguarding lead",
        actions_agreed="DSL to contact the duty team today; key person to observe and record.",
        opened_on=max(today - timedelta(days=6), engagements[0].start_date),
    )
    case_open(
        actor=practitioner,
        engagement=engagements[1],
        threshold="low",
        description="Repeatedly arrives hungry and tired (fictional demo).",
        raised_with="Morgan Manager, centre manager",
        actions_agreed="Offer the parent a meeting and information on local support.",
        opened_on=max(today - timedelta(days=30), engagements[1].start_date),
    )

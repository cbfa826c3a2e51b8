"""A demo incident on the family centre's first child: a small injury at Stay & Play,
dealt with at once (idempotent; medium severity, so nobody is notified)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from casework.incidents.models import Incident, IncidentType
from casework.incidents.services import incident_raise
from casework.models import Engagement


def incidents_demo_seed(*, practitioner) -> None:
    engagement = Engagement.objects.select_related("contact").order_by("id").first()
    if engagement is None or Incident.objects.exists():
        return
    day = timezone.localdate() - timedelta(days=3)
    incident_raise(
        actor=practitioner,
        contact=engagement.contact,
        happened_at=timezone.make_aware(datetime.combine(day, time(10, 40))),
        kind=IncidentType.objects.get(name="Injury"),
        severity="medium",
        location="Stay & Play, garden",
        description="Tripped on the step to the garden and grazed a knee. Cried briefly, "
        "then went back to playing.",
        people_named="Two other children nearby",
        immediate_action="Cleaned and covered the graze; told mum at pick-up.",
        follow_up_needed=True,
    )

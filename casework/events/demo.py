"""Demo events: the family centre's practitioner has a home visit to the first child
today (the day the demo is seeded: seeding again on a later day books that day's
visit) and a weekly group session with the child from next week (made once)."""

from datetime import time, timedelta

from django.utils import timezone

from casework.events.models import Event
from casework.events.services import Attendee, event_create
from casework.models import Engagement, Service


def events_demo_seed(*, practitioner) -> None:
    engagement = Engagement.objects.select_related("contact").order_by("id").first()
    if engagement is None:
        return
    today = timezone.localdate()
    first_time = not Event.objects.exists()
    service = (
        Service.objects.filter(programme=engagement.programme_id, is_active=True)
        .order_by("id")
        .first()
    )
    if not Event.objects.filter(kind="visit", starts_at__date=today).exists():
        event_create(
            actor=practitioner,
            kind="visit",
            day=today,
            start=time(10),
            end=time(11),
            place="Home visit",
            notes="Review the bedtime routine with mum; bring the nursery leaflet.",
            attendees=[Attendee(contact=engagement.contact, engagement=engagement)],
            service=service,
        )
    if first_time:
        event_create(
            actor=practitioner,
            kind="session",
            day=today + timedelta(days=7),
            start=time(9, 30),
            end=time(11),
            place="Family centre hall",
            attendees=[Attendee(contact=engagement.contact, engagement=engagement)],
            service=service,
            weeks=4,
        )

"""A calendar of meetings and sessions: an event (meeting, visit, session or
appointment) with one or more contacts and staff, a date, a start and an end, a place
and notes. A weekly event is made as a series of occurrences, each of which can be
changed or cancelled (with a reason) on its own. Attendance is recorded from the event,
per contact, and becomes service deliveries when the event is linked to a service and
the contact's engagement.

An event is seen by its staff and by whoever may see its contacts' engagements
(casework.events.selectors.events_visible_to); a personal calendar feed (.ics) is read
with a secret token, revocable, and shows only initials and the type of event."""

import secrets
import uuid

from django.conf import settings
from django.db import models

from casework.models import Contact, Engagement, Service, ServiceDelivery
from casework.tracking import tracked

# The most people on one event (enforced by the services; the API's cost limit uses them).
EVENT_CONTACTS_MAX = 30
EVENT_STAFF_MAX = 10
# The longest weekly series made at once.
SERIES_WEEKS_MAX = 52


class EventKind(models.TextChoices):
    MEETING = "meeting", "Meeting"
    VISIT = "visit", "Visit"
    SESSION = "session", "Session"
    APPOINTMENT = "appointment", "Appointment"


class Presence(models.TextChoices):
    """Attendance as recorded from the event (the delivery's words in brackets)."""

    ATTENDED = "attended", "Attended"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"
    CANCELLED = "cancelled", "Cancelled"


@tracked()
class Event(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField("type", max_length=12, choices=EventKind.choices)
    starts_at = models.DateTimeField("start")
    ends_at = models.DateTimeField("end")
    place = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    # When given (with the contacts' engagements), attendance becomes deliveries of it.
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="calendar_events")
    # The occurrences of one weekly series share it (None: a single event).
    series = models.UUIDField(null=True, blank=True, db_index=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField("reason for cancelling", max_length=500, blank=True)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at"], name="event_starts")]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.starts_at:%d/%m/%Y %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


@tracked()
class EventContact(models.Model):
    """One person at an event; their engagement when the event is part of it."""

    # event_contact_once leads with it: a second index of its own would cost a page a partner
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="attendees", db_index=False
    )
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="+")
    engagement = models.ForeignKey(
        Engagement, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    presence = models.CharField(max_length=16, choices=Presence.choices, blank=True)
    delivery = models.ForeignKey(
        ServiceDelivery, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "contact"], name="event_contact_once")
        ]
        indexes = [models.Index(fields=["contact"], name="event_contact_who")]

    def __str__(self):
        return f"{self.contact} at {self.event}"


def feed_token_new() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's secret calendar address; revoked ones stay (and answer 404)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True, default=feed_token_new)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked_at__isnull=True),
                name="calendar_feed_one_live",
            )
        ]

    def __str__(self):
        return f"Calendar address of {self.user}"

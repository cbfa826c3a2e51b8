"""A partner's work with its contacts: programmes and their services, engagements,
deliveries (one by one or a group session's), consultations, the casework settings and
the engagements' events."""

import uuid

from django.conf import settings
from django.db import models

from casework.models.people import Contact, Removable
from casework.tracking import tracked
from tenants.quick_load import QuickLoad


@tracked()
class Programme(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, unique=True)
    code_prefix = models.CharField(
        max_length=10, help_text="Services are coded like “RF: Nursery”."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


@tracked()
class Service(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200, unique=True)  # "RF: Stay & Play session"
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Stage(models.TextChoices):
    APPLIED = "applied", "Applied"
    WAITLISTED = "waitlisted", "Waitlisted"
    IN_PROGRESS = "in_progress", "In progress"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn"


ENDED_STAGES = {Stage.CLOSED, Stage.WITHDRAWN}


@tracked()
class Engagement(QuickLoad, models.Model):
    """A piece of work with a child on a programme. Its deliveries, consultations and
    safeguarding cases are visible to its owner, managers and those it is shared with."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="engagements")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="engagements")
    referral_source = models.CharField(max_length=200, blank=True)
    referral_date = models.DateField(null=True, blank=True)
    referral_reason = models.TextField(blank=True)
    start_date = models.DateField()
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.IN_PROGRESS)
    closed_on = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="engagements"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        permissions = [("view_shared_engagement", "See an engagement shared with you")]

    def __str__(self):
        return f"{self.programme} – {self.contact}"

    @property
    def is_open(self) -> bool:
        return self.stage not in ENDED_STAGES


class Attendance(models.TextChoices):
    ATTENDED = "attended", "Attended"
    ABSENT = "absent", "Absent"
    EXCUSED = "excused", "Excused"


@tracked()
class GroupSession(models.Model):
    """One group session recorded through bulk deliveries, with anonymous attendees."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    date = models.DateField()
    anonymous_attendees = models.PositiveIntegerField(default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.service} on {self.date}"


@tracked()
class ServiceDelivery(Removable):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # delivery_engagement_date leads with it: a second index of its own would cost a page a partner
    engagement = models.ForeignKey(
        Engagement, on_delete=models.PROTECT, related_name="deliveries", db_index=False
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="deliveries")
    date = models.DateField()
    attendance = models.CharField(
        max_length=10, choices=Attendance.choices, default=Attendance.ATTENDED
    )
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    quantity = models.PositiveIntegerField(null=True, blank=True)
    summary = models.TextField(blank=True)
    group_session = models.ForeignKey(
        GroupSession, null=True, blank=True, on_delete=models.PROTECT, related_name="deliveries"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["engagement", "-date"], name="delivery_engagement_date")]

    def __str__(self):
        return f"{self.service} on {self.date}"


class ConsultationMethod(models.TextChoices):
    MEETING = "meeting", "Meeting"
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    CONVERSATION = "conversation", "Conversation"


@tracked()
class Consultation(Removable):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(
        Engagement, on_delete=models.PROTECT, related_name="consultations"
    )
    date = models.DateField()
    method = models.CharField(max_length=20, choices=ConsultationMethod.choices)
    # People who are not contacts ("school nurse"); contacts are held_with_contacts.
    held_with = models.CharField(
        max_length=500, blank=True, help_text="One or more people, with their roles."
    )
    held_with_contacts = models.ManyToManyField(
        Contact,
        through="ConsultationParticipant",
        related_name="consultations_held_with",
        blank=True,
    )
    notes = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self):
        # As History names it beside the people it was held with.
        return f"consultation on {self.date:%-d %b %Y} ({self.get_method_display().lower()})"


class ParticipantQuerySet(models.QuerySet):
    def current(self):
        """Not removed: someone recorded in error stays on History only."""
        return self.filter(removed_at__isnull=True)


@tracked()
class ConsultationParticipant(Removable):
    """A contact a consultation was held with. Seen on their record only by those who
    may see the consultation's engagement; one recorded in error is removed softly."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="participants"
    )
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="+")

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = "person consulted"
        verbose_name_plural = "people consulted"
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "contact"],
                condition=models.Q(removed_at__isnull=True),
                name="consultation_participant_once",
            )
        ]

    def __str__(self):
        return f"{self.contact}, at the {self.consultation}"


class CaseworkSettings(models.Model):
    """One row per partner: the client ID prefix and its counter; how long given consent
    lasts before it is due for review (casework.consent)."""

    client_id_prefix = models.CharField(max_length=10, default="CB")
    next_client_number = models.PositiveIntegerField(default=1)
    consent_review_months = models.PositiveSmallIntegerField(
        "months before consent is reviewed", default=12
    )

    def __str__(self):
        return f"client ids {self.client_id_prefix}-{self.next_client_number:06d}…"


class CaseworkEvent(models.Model):
    """Shares, reassignments and closures of engagements: who, what, when."""

    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    engagement = models.ForeignKey(Engagement, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=40)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d} {self.in_words}"

    @property
    def in_words(self) -> str:
        """What happened, as a person says it (the action is a code for machines)."""
        if self.action == "engagement.close":
            ended = dict(Stage.choices).get(self.detail, "").lower() or "ended"
            return f"Engagement {ended}"
        said = EVENT_WORDS.get(self.action, "Changed")
        return f"{said} {self.detail}".strip() if self.detail else said


EVENT_WORDS = {
    "engagement.open": "Engagement opened",
    "engagement.share": "Shared with",
    "engagement.unshare": "Stopped sharing with",
    "engagement.reassign": "Given to another owner:",
}

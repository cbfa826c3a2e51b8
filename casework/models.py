"""A partner's casework: contacts, households, relationships, programmes and their
services, engagements, deliveries and consultations. All of it lives in the
partner's own schema; URLs and exports use the UUID public ids, never the keys."""

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Func
from django.db.models.functions import Concat, Lower

from casework.tracking import tracked


class Removable(models.Model):
    """A record entered in error is removed, never deleted: it keeps who removed it,
    when and why, and every selector leaves it out (History still shows it)."""

    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removal_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        abstract = True

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


# Lists the API returns whole (no paging): their real maximum is enforced where they are
# written, and the API's cost limit counts them at it (graphql_api/limits.py).
HOUSEHOLD_MEMBERS_MAX = 30  # everyone ever in it, removed members included
RELATIONSHIPS_MAX = 30  # halves a contact has, removed ones included


@tracked()
class Household(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=300)
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True, db_index=True)  # normalised "SW1A 1AA"
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ContactKind(models.TextChoices):
    CHILD = "child", "Child"
    ADULT = "adult", "Adult"


class AdultRole(models.TextChoices):
    PARENT = "parent", "Parent"
    CARER = "carer", "Carer"
    OTHER = "other", "Other"


class Consent(models.TextChoices):
    GIVEN = "given", "Given"
    NOT_REQUESTED = "not_requested", "Not requested"
    REFUSED = "refused", "Requested but refused"


# The consent review date follows from the decision date (casework.consent): not history.
@tracked(exclude=("consent_review_on",))
class Contact(Removable):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client_id = models.CharField(max_length=30, unique=True)
    kind = models.CharField(max_length=10, choices=ContactKind.choices)
    adult_role = models.CharField(max_length=10, choices=AdultRole.choices, blank=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    unique_pupil_number = models.CharField(max_length=13, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    phone_digits = models.CharField(max_length=40, blank=True, db_index=True, editable=False)
    email = models.EmailField(blank=True)
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="members")
    joined_household_at = models.DateTimeField(auto_now_add=True)
    alerts = models.TextField(blank=True, help_text="Allergies, risks: shown prominently.")
    watch_list = models.BooleanField(default=False)
    consent = models.CharField(
        max_length=20, choices=Consent.choices, default=Consent.NOT_REQUESTED
    )
    consent_given_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_decided_on = models.DateField(null=True, blank=True)
    # When given consent is due for review (casework.consent: the decision date plus the
    # partner's default); past it, the consent has expired. Empty without given consent.
    consent_review_on = models.DateField("consent review date", null=True, blank=True)
    # Outward code ("SW1A", or "UK" when none was given) and its region (tenants.Region):
    # all a support line may keep about a caller who has not consented.
    postcode_district = models.CharField(max_length=4, blank=True)
    region = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # "First Last", kept by PostgreSQL. Trigrams are a set, so one index finds typos in
    # either name and swapped names alike.
    search_name = models.GeneratedField(
        expression=Concat("first_name", models.Value(" "), "last_name"),
        output_field=models.CharField(max_length=201),
        db_persist=True,
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [
            # Typo-tolerant find-before-create (pg_trgm lives in public: tenants migration 0002).
            # GIN, not GiST: measured with bench/duplicates at 1M contacts, GiST's
            # nearest-first scan was five times slower here.
            GinIndex(
                name="contact_search_name_trgm", fields=["search_name"], opclasses=["gin_trgm_ops"]
            ),
            models.Index(fields=["date_of_birth"], name="contact_dob"),
            # Names one slip away, by exact probes (casework.name_matching; fuzzystrmatch
            # lives in public: tenants migration 0006).
            models.Index(
                Func("first_name", function="dmetaphone"),
                Lower("last_name"),
                name="contact_first_sound_last",
            ),
            models.Index(
                Func("last_name", function="dmetaphone"),
                Lower("first_name"),
                name="contact_last_sound_first",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.first_name
        if not (first or self.last_name):
            # A caller who has not consented to their details being kept.
            return f"Anonymous caller {self.client_id}"
        return f"{first} {self.last_name}".strip()


class RelationshipType(models.TextChoices):
    """What `contact` is to `other`. Several words say one role ("mother", "father" and
    "parent" are all the parent role); the role's inverse is declared once (INVERSE)."""

    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    PARENT = "parent", "Parent"
    SON = "son", "Son"
    DAUGHTER = "daughter", "Daughter"
    CHILD = "child", "Child"
    SIBLING = "sibling", "Sibling"
    GRANDPARENT = "grandparent", "Grandparent"
    GRANDCHILD = "grandchild", "Grandchild"
    CARER = "carer", "Carer"
    CARED_FOR = "cared_for", "Cared-for person"
    PARTNER = "partner", "Partner"
    OTHER = "other", "Other relation"


_T = RelationshipType
# The role each word says.
ROLE = {
    _T.MOTHER: _T.PARENT,
    _T.FATHER: _T.PARENT,
    _T.PARENT: _T.PARENT,
    _T.SON: _T.CHILD,
    _T.DAUGHTER: _T.CHILD,
    _T.CHILD: _T.CHILD,
    _T.SIBLING: _T.SIBLING,
    _T.GRANDPARENT: _T.GRANDPARENT,
    _T.GRANDCHILD: _T.GRANDCHILD,
    _T.CARER: _T.CARER,
    _T.CARED_FOR: _T.CARED_FOR,
    _T.PARTNER: _T.PARTNER,
    _T.OTHER: _T.OTHER,
}
# Each role's inverse, declared once: the other half of a pair is the inverse role.
_ONE_WAY = {
    _T.PARENT: _T.CHILD,
    _T.GRANDPARENT: _T.GRANDCHILD,
    _T.CARER: _T.CARED_FOR,
    _T.SIBLING: _T.SIBLING,
    _T.PARTNER: _T.PARTNER,
    _T.OTHER: _T.OTHER,
}
INVERSE = _ONE_WAY | {inverse: role for role, inverse in _ONE_WAY.items()}
# Roles said differently for a woman or a man ("child" when no gender is recorded).
GENDERED = {
    _T.PARENT: {"female": _T.MOTHER, "male": _T.FATHER},
    _T.CHILD: {"female": _T.DAUGHTER, "male": _T.SON},
}


class RelationshipQuerySet(models.QuerySet):
    def current(self):
        """Not removed: a removed relationship stays on History only."""
        return self.filter(removed_at__isnull=True)


@tracked()
class Relationship(models.Model):
    """`contact` is the `kind` of `other`: "Kate is John's mother". Stored as a pair of
    halves, one per direction (`inverse`), so both contacts show it; removed together,
    softly, with a reason."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="relationships")
    other = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=RelationshipType.choices)
    inverse = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    removal_reason = models.CharField("reason for removing", max_length=500, blank=True)

    objects = RelationshipQuerySet.as_manager()

    class Meta:
        constraints = [
            # One current relationship between two people in each direction: a second
            # would duplicate or contradict the first.
            models.UniqueConstraint(
                fields=["contact", "other"],
                condition=models.Q(removed_at__isnull=True),
                name="relationship_one_current",
            ),
            models.CheckConstraint(
                condition=~models.Q(contact=models.F("other")), name="relationship_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.contact} is {self.other}'s {self.get_kind_display().lower()}"


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
class Engagement(models.Model):
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

"""Partner organisations. Each is a PostgreSQL schema; this table lives in public
and holds no personal data about clients."""

import uuid

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django_tenants.models import DomainMixin, TenantMixin
from django_tenants.utils import schema_exists

from tenants.schema_clone import clone_schema


class PartnerKind(models.TextChoices):
    FAMILY_CENTRE = "family_centre", "Family centre"
    SUPPORT_LINE = "support_line", "Support line"
    BOROUGH = "borough", "Borough council"
    PROVIDER = "provider", "Advice and training provider"
    # Not organisations: the platform itself (public schema) and the template schema.
    PLATFORM = "platform", "Platform"
    TEMPLATE = "template", "Template"


ORGANISATION_KINDS = [
    PartnerKind.FAMILY_CENTRE,
    PartnerKind.SUPPORT_LINE,
    PartnerKind.BOROUGH,
    PartnerKind.PROVIDER,
]


class PartnerQuerySet(models.QuerySet):
    def organisations(self):
        """Real partner organisations: not the platform, not the template."""
        return self.filter(kind__in=ORGANISATION_KINDS)

    def active(self):
        return self.filter(is_active=True)

    def live(self):
        """Real organisations' own portals, not training copies (for directories and reports)."""
        return self.filter(training_of__isnull=True)


class Partner(TenantMixin):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=50, unique=True)
    kind = models.CharField(max_length=20, choices=PartnerKind.choices)
    is_active = models.BooleanField(default=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The organisation's id in the published directory (Open Referral UK): never the key.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # A training copy: a separate partner cloned from the template and filled with made-up
    # people, for practice. Nothing of the live partner is ever copied into it.
    training_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="training_copies"
    )
    training_reset_at = models.DateTimeField(null=True, blank=True)
    # Set when platform_migrate could not bring the schema to the template's state (with
    # what went wrong): the portal shows a maintenance page until a later run succeeds.
    migration_failed_at = models.DateTimeField(null=True, blank=True)
    migration_error = models.TextField(blank=True)

    # Schemas are dropped only by the explicit purge (partner_purge), never by deleting a row.
    auto_drop_schema = False
    auto_create_schema = True

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_training(self) -> bool:
        return self.training_of_id is not None

    @property
    def is_organisation(self) -> bool:
        return self.kind in ORGANISATION_KINDS

    def create_schema(self, check_if_exists=False, sync_schema=True, verbosity=1):
        """Clone the template, data included (tenants/schema_clone.py: its cost does not
        grow with the number of partners, unlike django-tenants' clone_schema). Its
        django_migrations rows come along, so no "fake migrate" pass is needed."""
        base_schema = self.get_base_schema()
        if not (sync_schema and base_schema and schema_exists(base_schema)):
            return super().create_schema(check_if_exists, sync_schema, verbosity)
        if check_if_exists and schema_exists(self.schema_name):
            return False
        if schema_exists(self.schema_name, case_sensitive=False):
            # A name differing only in case would leave two partners fighting over one schema.
            raise ValidationError("New schema name already exists")
        connection.set_schema_to_public()
        # In a savepoint: on failure django-tenants deletes the row again, which needs a
        # usable transaction; without it that clean-up fails too ("current transaction is
        # aborted") and hides the cause (such as PostgreSQL's lock table being full).
        with transaction.atomic():
            clone_schema(template=base_schema, new_schema=self.schema_name)
        return True


class Domain(DomainMixin):
    class Meta:
        ordering = ["domain"]


class WorkerHeartbeat(models.Model):
    """One row, written by the Celery worker when beat's heartbeat arrives."""

    beat_at = models.DateTimeField()
    # The schema the worker ran the task in: proves the sender's schema travelled with it.
    schema_name = models.CharField(max_length=63, default="public")

    def __str__(self):
        return f"worker heartbeat at {self.beat_at:%Y-%m-%d %H:%M:%S}"


class Region(models.TextChoices):
    """UK nations and English regions; "United Kingdom" when the caller gave no postcode."""

    NORTH_EAST = "north_east", "North East"
    NORTH_WEST = "north_west", "North West"
    YORKSHIRE = "yorkshire", "Yorkshire and the Humber"
    EAST_MIDLANDS = "east_midlands", "East Midlands"
    WEST_MIDLANDS = "west_midlands", "West Midlands"
    EAST = "east", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern_ireland", "Northern Ireland"
    CROWN_DEPENDENCIES = "crown_dependencies", "Channel Islands and Isle of Man"
    UNITED_KINGDOM = "uk", "United Kingdom"


class PostcodeDistrict(models.Model):
    """Reference data: a postcode area ("SW") or district ("SW1A") and its region. Lookup
    tries the district first, then its area. No personal data: public facts only."""

    code = models.CharField(max_length=4, unique=True)
    region = models.CharField(max_length=20, choices=Region.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} → {self.get_region_display()}"


class ServiceStatus(models.TextChoices):
    """Open Referral UK's service statuses (the values are the standard's own words)."""

    ACTIVE = "active", "Running"
    TEMPORARILY_CLOSED = "temporarily closed", "Closed for now"
    INACTIVE = "inactive", "Not running"
    DEFUNCT = "defunct", "Closed for good"


class Capacity(models.TextChoices):
    """Whether a service takes referrals now (a directory entry's `capacity`)."""

    ACCEPTING = "accepting", "Accepting referrals"
    WAITING_LIST = "waiting_list", "Accepting referrals, with a waiting list"
    CLOSED = "closed", "Closed to referrals"


class DirectoryEntry(models.Model):
    """The partner directory: a partner's service in Open Referral UK terms (HSDS 3.0's
    service: name, description, eligibility, fees, how to access, status, its locations
    and service areas, its taxonomy terms), plus what routes referrals to it: the referral
    types it accepts, where, and how fast it answers. Never holds anything about the
    people referred."""

    # A partner may offer several services. An external service (imported from another
    # organisation's Open Referral feed) has no partner until that organisation joins
    # Casebridge and a platform manager links it: it is signposted and referred to by the
    # email and phone it carries.
    partner = models.ForeignKey(
        Partner,
        on_delete=models.CASCADE,
        related_name="directory_entries",
        null=True,
        blank=True,
    )
    # Where an imported service came from: the feed's name and the service's id in it
    # (a re-import updates by these); blank for services kept in Casebridge.
    feed = models.CharField(max_length=100, blank=True)
    feed_id = models.CharField(max_length=200, blank=True)
    organisation_name = models.CharField(
        max_length=200, blank=True, help_text="An external service's organisation."
    )
    # The service's id in the published directory.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, blank=True, help_text="Blank: the partner's name.")
    description = models.TextField(blank=True)
    eligibility = models.TextField(blank=True, help_text="Who the service is for.")
    fees = models.TextField(blank=True, help_text="Any charges; blank when free.")
    how_to_access = models.TextField(blank=True, help_text="How people or partners get help.")
    status = models.CharField(
        max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    url = models.URLField(blank=True, max_length=500)
    email = models.EmailField(blank=True, help_text="The service's public address, not a person's.")
    phone = models.CharField(max_length=30, blank=True)
    # Terms of the standard taxonomy shipped as data (tenants/data/service_types.json); the
    # referral types are terms of their own taxonomy, from referral_types.
    service_types = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    referral_types = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    regions = ArrayField(
        models.CharField(max_length=20, choices=Region.choices), default=list, blank=True
    )
    districts = ArrayField(models.CharField(max_length=4), default=list, blank=True)
    # Capacity, in three states: accepting; accepting with a waiting list (wait_weeks
    # given); closed to referrals (not accepting). See `capacity`.
    accepting = models.BooleanField(default=True)
    wait_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    response_hours = models.PositiveIntegerField(
        default=48, help_text="Usual time to accept or decline a referral, in hours."
    )
    # The usual time to complete the work once sent, in days; blank: each referral type's
    # own (referrals.types), so a deadline follows the type and the receiving service.
    completion_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Usual time to complete the work, in days."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partner__name", "name", "id"]
        verbose_name_plural = "directory entries"
        constraints = [
            models.UniqueConstraint(
                fields=["feed", "feed_id"],
                condition=~models.Q(feed=""),
                name="directory_entry_one_per_feed_id",
            )
        ]

    def __str__(self):
        return f"{self.service_name} directory entry"

    @property
    def service_name(self) -> str:
        return self.name or (self.partner.name if self.partner_id else self.organisation_name)

    @property
    def organisation_label(self) -> str:
        return self.partner.name if self.partner_id else self.organisation_name

    @property
    def is_external(self) -> bool:
        """Imported from another organisation's feed and not (yet) a Casebridge partner's."""
        return self.partner_id is None

    @property
    def capacity(self) -> str:
        if not self.accepting:
            return Capacity.CLOSED
        return Capacity.ACCEPTING if self.wait_weeks is None else Capacity.WAITING_LIST

    @property
    def wait_words(self) -> str:
        """The waiting list in words ("waiting list of about 3 weeks"); blank if none."""
        if not self.accepting or self.wait_weeks is None:
            return ""
        weeks = "1 week" if self.wait_weeks == 1 else f"{self.wait_weeks} weeks"
        return f"waiting list of about {weeks}"

    @property
    def capacity_text(self) -> str:
        """The capacity in words, as the directory and the send screens show it."""
        if not self.accepting:
            return "Closed to referrals"
        if self.wait_weeks is None:
            return "Accepting referrals"
        weeks = "1 week" if self.wait_weeks == 1 else f"{self.wait_weeks} weeks"
        return f"Accepting referrals, with a waiting list (about {weeks})"


class DirectoryLocation(models.Model):
    """Where a directory service is delivered (HSDS's service at location): a public
    address, never a person's. District and region follow from the postcode."""

    entry = models.ForeignKey(DirectoryEntry, on_delete=models.CASCADE, related_name="locations")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    location_public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10)
    postcode_district = models.CharField(max_length=4)
    region = models.CharField(max_length=20, choices=Region.choices, blank=True)
    opening_hours = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.name}, {self.postcode}"

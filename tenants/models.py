"""Partner organisations. Each is a PostgreSQL schema; this table lives in public
and holds no personal data about clients."""

from django.db import connection, models
from django_tenants.clone import CloneSchema
from django_tenants.models import DomainMixin, TenantMixin
from django_tenants.utils import schema_exists


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
    # A training copy: a separate partner cloned from the template and filled with made-up
    # people, for practice. Nothing of the live partner is ever copied into it.
    training_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="training_copies"
    )
    training_reset_at = models.DateTimeField(null=True, blank=True)

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
        """Clone the template, data included. Its django_migrations rows come along, so
        django-tenants' extra "fake migrate" pass (~0.4 s of Python) is not needed."""
        base_schema = self.get_base_schema()
        if not (sync_schema and base_schema and schema_exists(base_schema)):
            return super().create_schema(check_if_exists, sync_schema, verbosity)
        if check_if_exists and schema_exists(self.schema_name):
            return False
        CloneSchema().clone_schema(base_schema, self.schema_name, self.clone_mode)
        connection.set_schema_to_public()
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

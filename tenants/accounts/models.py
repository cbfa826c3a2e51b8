"""Users live per schema: a partner's staff in its schema, platform staff in public."""

import uuid

from django.contrib.auth.models import AbstractUser, Group, UserManager
from django.contrib.postgres.fields import ArrayField
from django.db import models

from tenants.accounts.capabilities import model_permissions
from tenants.corrections import Correction


class Capability(models.Model):
    """No table: it only carries the permissions roles are made of."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = model_permissions()

    def __str__(self):
        return "capability"


class Role(models.Model):
    """A named set of permissions (held in its Django group, so has_perm works)."""

    # role_key_unique_per_kind leads with it: a second index of its own would cost a page a partner
    key = models.SlugField(max_length=60, db_index=False)
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="role")
    # Which kinds of partner offer this role (the template holds every kind's roles).
    kinds = ArrayField(models.CharField(max_length=20), default=list)
    is_builtin = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["key", "kinds"], name="role_key_unique_per_kind"),
            models.UniqueConstraint(fields=["name", "kinds"], name="role_name_unique_per_kind"),
        ]

    def __str__(self):
        return self.name

    def permission_names(self) -> frozenset[str]:
        return frozenset(
            f"{app}.{code}"
            for app, code in self.group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        )


class User(AbstractUser):
    # One name field: people's names do not split neatly into first and last.
    first_name = None
    last_name = None

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    role = models.ForeignKey(
        Role, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    line_manager = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="line_reports",
        help_text="Safeguarding closure requests go to this person.",
    )
    must_change_password = models.BooleanField(default=False)

    objects = UserManager()

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        ordering = ["full_name", "username"]

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or self.username

    def get_short_name(self):
        return (self.full_name.split() or [self.username])[0]


class Invitation(models.Model):
    """A one-time link to set a first password. Only the token's hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"invitation for {self.user} until {self.expires_at:%Y-%m-%d %H:%M}"


class AuditEntry(models.Model):
    """User administration history. Append-only in the database (triggers refuse
    UPDATE, DELETE and TRUNCATE), so not even the application can rewrite it."""

    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=40)
    # Copies, not foreign keys: the history must outlive any change to the accounts.
    actor_username = models.CharField(max_length=150, blank=True)
    actor_name = models.CharField(max_length=200, blank=True)
    actor_is_platform = models.BooleanField(default=False)
    target_username = models.CharField(max_length=150, blank=True)
    target_public_id = models.UUIDField(null=True, blank=True)
    partner_schema = models.CharField(max_length=63)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_public_id", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_username}"


class AuditEntryCorrection(Correction):
    """An audit entry that was wrong (a platform or champion correction, service-only:
    no screen shows a single entry to correct). Append-only like the entry; the author
    is a copy for the same reason the entry's actor is."""

    entry = models.ForeignKey(AuditEntry, on_delete=models.PROTECT, related_name="corrections")
    author_username = models.CharField(max_length=150)
    author_is_platform = models.BooleanField(default=False)

    class Meta(Correction.Meta):
        pass


class PartnerSecurity(models.Model):
    """One row per schema: security settings a champion controls for the whole partner."""

    require_two_factor = models.BooleanField(default=False)

    def __str__(self):
        return "two-factor required" if self.require_two_factor else "two-factor optional"


class ApiTokenScope(models.TextChoices):
    READ = "read", "Read"
    WRITE = "write", "Read and write"


class ApiToken(models.Model):
    """A GraphQL API token for an integrator service account. Only a SHA-256 of the
    secret is kept (the secret is shown once); the prefix finds the row. Tokens live in
    the partner's schema, so another partner's token is simply not found."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=100)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="graphql_tokens")
    scope = models.CharField(max_length=10, choices=ApiTokenScope.choices)
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self) -> bool:
        return self.scope == ApiTokenScope.WRITE

"""A partner's people: contacts, their households and relationships. All of it lives in
the partner's own schema; URLs and exports use the UUID public ids, never the keys."""

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Func
from django.db.models.functions import Concat, Lower

from casework.tracking import tracked
from tenants.quick_load import QuickLoad


class Removable(QuickLoad, models.Model):
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

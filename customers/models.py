"""A borough's customers: residents its housing officers may refer to providers, with
their interest in employment or training support. Kept in the borough's own schema;
the referral exchange (referrals/) sends a minimised copy, never this row."""

import re
import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Func
from django.db.models.functions import Concat, Lower

from casework.duplicates.models import MergeBase, NotDuplicateBase, PairFoundBase
from casework.models import Removable
from casework.tracking import append_only_triggers, tracked
from tenants.corrections import Correction, CorrectionKind


def normalise_reference(value: str) -> str:
    """A housing reference's one form (any spacing and case typed), for storing and
    finding alike."""
    return re.sub(r"\s+", "", value or "").upper()


class Interest(models.TextChoices):
    NOT_ASKED = "not_asked", "Not asked yet"
    INTERESTED = "interested", "Interested"
    NOT_INTERESTED = "not_interested", "Not interested"


class NotInterestedReason(models.Model):
    """The list of reasons a borough keeps; retired reasons stay for past answers."""

    name = models.CharField(max_length=120, unique=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


@tracked()
class Customer(Removable):
    """Removed only when merged into another record of the same person (a hidden stub:
    customers.services.duplicates); every selector leaves it out."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    postcode = models.CharField(max_length=8, blank=True, db_index=True)  # "SW1A 1AA"
    phone = models.CharField(max_length=40, blank=True)
    phone_digits = models.CharField(max_length=40, blank=True, db_index=True, editable=False)
    email = models.EmailField(blank=True)
    # The borough's own system's id for the resident (e.g. its housing system), upper-cased.
    housing_reference = models.CharField(max_length=40, blank=True)
    interest = models.CharField(max_length=20, choices=Interest.choices, default=Interest.NOT_ASKED)
    interest_recorded_on = models.DateField("asked on", null=True, blank=True)
    not_interested_reasons = models.ManyToManyField(NotInterestedReason, blank=True)
    not_interested_other = models.CharField("other reason", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    search_name = models.GeneratedField(
        expression=Concat("first_name", models.Value(" "), "last_name"),
        output_field=models.CharField(max_length=201),
        db_persist=True,
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            # One resident, one record: a housing reference names one customer (a stub
            # merged into another keeps its own, which the record kept may take).
            models.UniqueConstraint(
                fields=["housing_reference"],
                condition=~models.Q(housing_reference="") & models.Q(removed_at__isnull=True),
                name="customer_housing_reference_once",
            )
        ]
        indexes = [
            GinIndex(
                name="customer_search_name_trgm",
                fields=["search_name"],
                opclasses=["gin_trgm_ops"],
            ),
            # Names one slip away by exact probes, as for contacts (casework.people_search).
            models.Index(
                Func("first_name", function="dmetaphone"),
                Lower("last_name"),
                name="customer_first_sound_last",
            ),
            models.Index(
                Func("last_name", function="dmetaphone"),
                Lower("first_name"),
                name="customer_last_sound_first",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def display_name(self) -> str:
        return str(self)


# The reasons a customer gave are rows of the many-to-many table: tracked through a proxy
# of it, so a changed answer keeps the reasons it replaced.
@tracked(obj_field=None)
class CustomerReason(Customer.not_interested_reasons.through):
    class Meta:
        proxy = True
        verbose_name = "reason not interested"


# --- The journey after a referral (employment-support referrals through the exchange) ---


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    ATTENDED = "attended", "Attended"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"
    RESCHEDULED = "rescheduled", "Rescheduled"
    CANCELLED = "cancelled", "Cancelled"


class CancelledBy(models.TextChoices):
    CUSTOMER = "customer", "The customer"
    PROVIDER = "provider", "The provider"
    BOROUGH = "borough", "The referring borough"


@tracked()
class CustomerReferral(models.Model):
    """Borough side: which customer a sent referral is about (the exchange's own copy
    links casework contacts; customers are linked here)."""

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="referrals")
    referral = models.OneToOneField(
        "referrals.Referral", on_delete=models.PROTECT, related_name="customer_link"
    )

    class Meta:
        verbose_name = "referral"

    def __str__(self):
        return f"{self.customer} — {self.referral}"


@tracked()
class Appointment(models.Model):
    """Provider side: an appointment for a received referral, booked by the provider
    (after a request) or entered by the referring officer (a direct booking)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.PROTECT, related_name="appointments"
    )
    direct = models.BooleanField(default=False)  # entered by the referring officer
    on = models.DateField()
    at = models.TimeField()
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    adviser_name = models.CharField(max_length=200, blank=True)
    place = models.CharField(max_length=200)
    status = models.CharField(
        max_length=20, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )
    cancelled_by = models.CharField(max_length=20, choices=CancelledBy.choices, blank=True)
    rescheduled_to = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="rescheduled_from"
    )
    status_recorded_at = models.DateTimeField(null=True, blank=True)
    status_recorded_by_name = models.CharField(max_length=200, blank=True)
    missing_flagged_at = models.DateTimeField(null=True, blank=True)
    booked_by_name = models.CharField(max_length=200)
    booked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "at", "id"]
        indexes = [models.Index(fields=["status", "on"], name="appointment_status_on")]

    def __str__(self):
        return f"appointment on {self.on:%d/%m/%Y} at {self.at:%H:%M}"


class StepKind(models.TextChoices):
    FIRST_ATTENDED = "first_attended", "First appointment attended"
    INTERVENTION = "intervention", "Intervention"
    TRAINING_STARTED = "training_started", "Training started"
    TRAINING_COMPLETED = "training_completed", "Training completed"
    QUALIFICATION = "qualification", "Qualification achieved"
    EMPLOYMENT = "employment", "Employment entered"
    SUSTAINED_13 = "sustained_13", "Employment sustained at 13 weeks"
    SUSTAINED_26 = "sustained_26", "Employment sustained at 26 weeks"


class OutcomeStepQuerySet(models.QuerySet):
    def standing(self):
        """Steps that still count: not corrected as entered in error."""
        return self.exclude(corrections__kind=CorrectionKind.ERROR)


class OutcomeStep(models.Model):
    """One step of the provider's outcome checklist. Written on both copies of the
    referral (provider and referring borough) in one transaction; append-only. Both copies
    share the public id, as the referral's copies do."""

    public_id = models.UUIDField(default=uuid.uuid4, editable=False)
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.PROTECT, related_name="outcome_steps"
    )
    kind = models.CharField(max_length=30, choices=StepKind.choices)
    on = models.DateField()
    details = models.JSONField(default=dict, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by_name = models.CharField(max_length=200)

    objects = OutcomeStepQuerySet.as_manager()

    class Meta:
        ordering = ["on", "recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["public_id"], name="outcome_step_public_id_once")
        ]
        indexes = [models.Index(fields=["kind", "on"], name="outcome_step_kind_on")]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.on:%d/%m/%Y}"


class OutcomeStepCorrection(Correction):
    """“Entered in error: …” or the corrected text of an outcome step, written on both
    copies of the referral like the step (same public id on both). Append-only. A step
    entered in error no longer counts: not in the checklist's rules, nor in the figures."""

    public_id = models.UUIDField(default=uuid.uuid4, editable=False)
    step = models.ForeignKey(OutcomeStep, on_delete=models.PROTECT, related_name="corrections")

    class Meta(Correction.Meta):
        constraints = [
            models.UniqueConstraint(fields=["public_id"], name="outcome_step_correction_once")
        ]


# --- Duplicates: a manager's decisions and merges (the machinery: casework.duplicates) ---


class CustomerNotDuplicate(NotDuplicateBase):
    # the pair's unique constraint leads with it: an index of its own would cost a page a partner
    first = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="+", db_index=False)
    second = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "customers who are different people"
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="customer_not_duplicate_once"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")),
                name="customer_not_duplicate_ordered",
            ),
        ]
        triggers = append_only_triggers()


@tracked(exclude=("kept", "moved", "left"))
class CustomerMerge(MergeBase):
    survivor = models.ForeignKey(
        Customer, on_delete=models.PROTECT, related_name="+", verbose_name="record kept"
    )
    merged = models.ForeignKey(
        Customer, on_delete=models.PROTECT, related_name="+", verbose_name="record merged into it"
    )

    class Meta:
        verbose_name = "merge of duplicate customers"
        verbose_name_plural = "merges of duplicate customers"
        ordering = ["-merged_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["merged"],
                condition=models.Q(unmerged_at__isnull=True),
                name="customer_merge_current_once",
            ),
            models.CheckConstraint(
                condition=~models.Q(survivor=models.F("merged")), name="customer_merge_not_self"
            ),
        ]


class CustomerPairFound(PairFoundBase):
    # the pair's unique constraint leads with it: an index of its own would cost a page a partner
    first = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+", db_index=False)
    second = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="customer_pair_found_once"),
        ]

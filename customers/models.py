"""A borough's customers: residents its housing officers may refer to providers, with
their interest in employment or training support. Kept in the borough's own schema;
the referral exchange (referrals/) sends a minimised copy, never this row."""

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Concat


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


class Customer(models.Model):
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
    interest_recorded_on = models.DateField(null=True, blank=True)
    not_interested_reasons = models.ManyToManyField(NotInterestedReason, blank=True)
    not_interested_other = models.CharField(max_length=300, blank=True)
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
            # One resident, one record: a housing reference names one customer.
            models.UniqueConstraint(
                fields=["housing_reference"],
                condition=~models.Q(housing_reference=""),
                name="customer_housing_reference_once",
            )
        ]
        indexes = [
            GinIndex(
                name="customer_search_name_trgm",
                fields=["search_name"],
                opclasses=["gin_trgm_ops"],
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

"""The exchange that carries referrals between partners, and its webhooks.

A referral between partners exists twice: the sender's copy (direction "sent") and the
receiver's (direction "received"), sharing one public_id; the exchange writes both in one
transaction and copies every receiver-side change back to the sender as an event."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from casework.models import Contact
from casework.tracking import tracked
from referrals.models.cases import SupportCase


class ReferralStatus(models.TextChoices):
    """A referral's status, in people's words (the labels are what screens show)."""

    DRAFT = "draft", "Not sent yet"
    SENT = "sent", "Sent, waiting for an answer"
    RECEIVED = "received", "Received, being looked at"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    ON_HOLD = "on_hold", "On hold"
    IN_PROGRESS = "in_progress", "In progress"
    CLOSED = "closed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn by the sender"
    FAILED = "failed", "Could not be completed"
    ENTERED_IN_ERROR = "entered_in_error", "Sent in error"


# Our statuses and HL7 FHIR R4 Task.status (as the Gravity Project's closed-loop referral
# profile uses them), one to one: the only place the mapping is written. The API, the
# webhooks and the FHIR-shaped view read it; tests prove it is one to one and complete.
FHIR_TASK_STATUS = {
    ReferralStatus.DRAFT: "draft",
    ReferralStatus.SENT: "requested",
    ReferralStatus.RECEIVED: "received",
    ReferralStatus.ACCEPTED: "accepted",
    ReferralStatus.DECLINED: "rejected",
    ReferralStatus.ON_HOLD: "on-hold",
    ReferralStatus.IN_PROGRESS: "in-progress",
    ReferralStatus.CLOSED: "completed",
    ReferralStatus.WITHDRAWN: "cancelled",
    ReferralStatus.FAILED: "failed",
    ReferralStatus.ENTERED_IN_ERROR: "entered-in-error",
}

# Statuses of the table no step leads to yet (a referral is sent whole; receiving is
# accepting or declining; a referral sent in error is withdrawn): left out of counts.
NOT_USED_YET = {ReferralStatus.DRAFT, ReferralStatus.RECEIVED, ReferralStatus.ENTERED_IN_ERROR}

ENDED = {
    ReferralStatus.DECLINED,
    ReferralStatus.WITHDRAWN,
    ReferralStatus.CLOSED,
    ReferralStatus.FAILED,
    ReferralStatus.ENTERED_IN_ERROR,
}


def fhir_status(status: str) -> str:
    """The FHIR Task status code of one of ours."""
    return FHIR_TASK_STATUS[ReferralStatus(status)]


class FailReason(models.TextChoices):
    """Why the receiver could not complete a referral (FHIR Task.statusReason)."""

    COULD_NOT_CONTACT = "could_not_contact", "Could not contact the person"
    NOT_ELIGIBLE = "not_eligible", "The person is not eligible"
    NO_CAPACITY = "no_capacity", "No capacity to help"
    DECLINED_BY_PERSON = "declined_by_person", "The person declined the support"
    OTHER = "other", "Another reason"


class OutcomeCode(models.TextChoices):
    """What came of a completed referral (the summary says more)."""

    NEED_MET = "need_met", "Support given, the need was met"
    PARTLY_MET = "partly_met", "Some support given, the need was partly met"
    REFERRED_ON = "referred_on", "Referred on to another service"
    NO_LONGER_NEEDED = "no_longer_needed", "Support was no longer needed"


class Direction(models.TextChoices):
    SENT = "sent", "Sent"
    RECEIVED = "received", "Received"


class Referral(models.Model):
    """One side of a referral between partners. public_id is the same on both sides."""

    public_id = models.UUIDField(default=uuid.uuid4, editable=False)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    referral_type = models.CharField(max_length=40)
    # The other side: a partner id and name from public (routing facts, not personal data).
    other_partner_id = models.IntegerField()
    other_partner_name = models.CharField(max_length=200)
    # Sender: the person referred. Receiver: the local contact, once accepted.
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    # Exactly what crossed: the minimised payload (redacted when consent is withdrawn).
    payload = models.JSONField(default=dict)
    redacted_at = models.DateTimeField(null=True, blank=True)
    basis = models.CharField(max_length=300, help_text="Consent, or the lawful basis recorded.")
    status = models.CharField(
        max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    status_changed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField()
    sent_by_name = models.CharField(max_length=200)
    respond_by = models.DateTimeField()
    late_flagged_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    suggested_partner_name = models.CharField(max_length=200, blank=True)
    withdraw_reason = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    outcome_code = models.CharField(max_length=30, choices=OutcomeCode.choices, blank=True)
    # The status before the last step: where resuming from hold and reopening go back to.
    previous_status = models.CharField(max_length=20, choices=ReferralStatus.choices, blank=True)
    hold_reason = models.TextField(blank=True)
    hold_review_on = models.DateField(null=True, blank=True)
    # When the receiver was reminded that an on-hold referral's review date came (once per
    # hold: putting it on hold again clears it).
    hold_review_reminded_at = models.DateTimeField(null=True, blank=True)
    fail_reason = models.CharField(max_length=30, choices=FailReason.choices, blank=True)
    fail_details = models.TextField(blank=True)
    # Deadlines: an answer by respond_by, the work done by complete_by (referral type and
    # receiving service); the beat task reminds, then escalates, each once.
    complete_by = models.DateTimeField(null=True, blank=True)
    response_reminded_at = models.DateTimeField(null=True, blank=True)
    completion_reminded_at = models.DateTimeField(null=True, blank=True)
    completion_late_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["public_id"], name="referral_public_id_once"),
        ]
        indexes = [models.Index(fields=["direction", "status"], name="referral_direction_status")]

    def __str__(self):
        return f"{self.get_direction_display()} {self.referral_type} referral"

    @property
    def is_open(self) -> bool:
        return self.status not in ENDED

    @property
    def review_due(self) -> bool:
        """On hold and its review date has come."""
        return (
            self.status == ReferralStatus.ON_HOLD
            and self.hold_review_on is not None
            and self.hold_review_on <= timezone.localdate()
        )

    @property
    def fhir_status(self) -> str:
        return fhir_status(self.status)

    @property
    def type_label(self) -> str:
        from referrals.types import REFERRAL_TYPES

        spec = REFERRAL_TYPES.get(self.referral_type)
        return spec.label if spec else self.referral_type


@tracked()
class LocalReferral(models.Model):
    """A practical need recorded on a case, sent by the data team to a local partner.
    Its details may be corrected until it is sent; every change is kept."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(SupportCase, on_delete=models.PROTECT, related_name="local_referrals")
    response_type = models.CharField(max_length=40)
    details = models.JSONField(default=dict, blank=True)
    referral = models.OneToOneField(
        Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="local_referral"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.response_type} referral"


# A referral's events are listed whole by the API; a step that would pass this is refused
# (graphql_api/limits.py counts the list, and the appointments and outcome steps each
# written with an event, at it).
REFERRAL_EVENTS_MAX = 200


class ReferralEvent(models.Model):
    """What happened to a referral, on each side: append-only (a trigger refuses changes).
    Receiver-side changes are written on both sides in the same transaction."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=40)
    partner_name = models.CharField(max_length=200)
    by_name = models.CharField(max_length=200, blank=True)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class WebhookEndpoint(models.Model):
    """An integrator's URL for referral events; deliveries are signed with its secret."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=100)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=60)
    body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    delivered_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    last_status = models.IntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.event} to {self.endpoint}"

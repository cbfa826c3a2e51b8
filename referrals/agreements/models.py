"""A data-sharing agreement (public schema): between two partners, or platform-wide
(set by platform managers: every partner, for the types it names). No personal data:
who acted is kept by name, as the exchange keeps its senders."""

import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import models


class LawfulBasis(models.TextChoices):
    """UK GDPR Article 6(1)."""

    CONSENT = "consent", "Consent"
    CONTRACT = "contract", "Contract"
    LEGAL_OBLIGATION = "legal_obligation", "Legal obligation"
    VITAL_INTERESTS = "vital_interests", "Vital interests"
    PUBLIC_TASK = "public_task", "Public task"
    LEGITIMATE_INTERESTS = "legitimate_interests", "Legitimate interests"


class AgreementStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed, waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    ENDED = "ended", "Ended"


class DataSharingAgreement(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Both empty: platform-wide. Otherwise the partner who proposed it and the one asked.
    proposer = models.ForeignKey(
        "tenants.Partner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements_proposed",
    )
    partner = models.ForeignKey(
        "tenants.Partner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements_asked",
    )
    referral_types = ArrayField(models.CharField(max_length=40))
    # The person fields that may cross (the area always does: it routes the referral).
    person_fields = ArrayField(models.CharField(max_length=40), blank=True, default=list)
    purpose = models.TextField(max_length=1000)
    lawful_basis = models.CharField(max_length=30, choices=LawfulBasis.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.PROPOSED
    )
    proposed_by_name = models.CharField(max_length=300)
    proposed_at = models.DateTimeField(auto_now_add=True)
    answered_by_name = models.CharField(max_length=300, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(max_length=1000, blank=True)
    ended_by_name = models.CharField(max_length=300, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="agreement_both_partners_or_none",
                condition=models.Q(proposer__isnull=True, partner__isnull=True)
                | models.Q(proposer__isnull=False, partner__isnull=False),
            ),
        ]

    def __str__(self):
        return f"data-sharing agreement {self.public_id}"

    @property
    def is_platform_wide(self) -> bool:
        return self.proposer_id is None

    def other_than(self, partner):
        """The other party, seen from one of the two."""
        return self.partner if partner.pk == self.proposer_id else self.proposer

"""Writes of data-sharing agreements: propose, accept, decline, end, and platform-wide
ones. Each checks the policy, writes in one transaction with the agreement locked, and
appends an audit entry to both partners' histories (the exchange's way: the other
partner's schema switched on the same connection) and tells the other partner's
champions and data protection officers. Platform-wide ones are audited in the
platform's history."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context

from referrals import notify
from referrals.agreements import policy
from referrals.agreements.models import AgreementStatus, DataSharingAgreement, LawfulBasis
from referrals.types import PERSON_FIELD_LABELS, REFERRAL_TYPES
from tenants.accounts import capabilities as cap
from tenants.accounts.services.audit import audit_record
from tenants.models import Partner

PURPOSE_MAX = 1000
REASON_MAX = 1000


def current_partner() -> Partner | None:
    return Partner.objects.filter(schema_name=connection.schema_name).first()


def _here() -> Partner:
    """The partner acting: agreements between partners are made in a partner's portal."""
    here = current_partner()
    if here is None or not here.is_organisation:
        raise ValidationError({"agreement": "Agreements are made in a partner's portal."})
    return here


def terms_errors(
    *,
    referral_types: list[str],
    person_fields: list[str],
    purpose: str,
    lawful_basis: str,
    starts_on: date | None,
    ends_on: date | None,
    end_required: bool,
) -> dict:
    """What is wrong with an agreement's terms, field by field, in the user's words."""
    errors = {}
    if not referral_types:
        errors["referral_types"] = "Choose at least one kind of referral the agreement covers."
    elif any(t not in REFERRAL_TYPES for t in referral_types):
        errors["referral_types"] = "Choose kinds of referral from the list."
    if any(f not in PERSON_FIELD_LABELS for f in person_fields):
        errors["person_fields"] = "Choose the details that may be shared from the list."
    if not (purpose or "").strip():
        errors["purpose"] = "Say what the sharing is for."
    elif len(purpose.strip()) > PURPOSE_MAX:
        errors["purpose"] = f"The purpose can be at most {PURPOSE_MAX} characters."
    if lawful_basis not in LawfulBasis.values:
        errors["lawful_basis"] = "Choose the lawful basis for the sharing."
    if starts_on is None:
        errors["starts_on"] = "Enter the date the agreement starts."
    if ends_on is None and end_required:
        errors["ends_on"] = "Enter the date the agreement ends."
    elif ends_on is not None and starts_on is not None and ends_on < starts_on:
        errors["ends_on"] = "The end date must be on or after the start date."
    elif ends_on is not None and ends_on < timezone.localdate():
        errors["ends_on"] = "The end date cannot be in the past."
    return errors


def _reason(reason: str, field: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({field: f"Say why the agreement is {what}."})
    if len(reason) > REASON_MAX:
        raise ValidationError({field: f"The reason can be at most {REASON_MAX} characters."})
    return reason


def agreement_url(agreement: DataSharingAgreement) -> str:
    return reverse("agreement_detail", kwargs={"public_id": agreement.public_id})


def agreement_types_words(agreement: DataSharingAgreement) -> str:
    """The agreement's referral types in words ("food, fuel"), for audit entries and
    notifications."""
    return ", ".join(
        REFERRAL_TYPES[t].label.lower() if t in REFERRAL_TYPES else t
        for t in agreement.referral_types
    )


def _both_sides(*, actor, agreement, action: str, detail: str, title: str) -> None:
    """The audit entry on this partner's side (the actor's) and on the other's, with a
    notification to the other's champions and data protection officers."""
    here = current_partner()
    other = agreement.other_than(here)
    after = {"agreement": str(agreement.public_id), "status": agreement.status}
    audit_record(
        actor=actor,
        action=action,
        target_public_id=agreement.public_id,
        detail=f"{detail} (with {other.name})"[:300],
        after=after | {"partner": other.slug},
    )
    with schema_context(other.schema_name):
        audit_record(
            actor=None,
            action=action,
            target_public_id=agreement.public_id,
            detail=f"{detail} by {actor.get_full_name()} at {here.name}"[:300],
            after=after | {"partner": here.slug},
        )
        notify.notify(
            recipients=list(notify.users_with(cap.PROTECT_DATA)),
            title=f"{title} ({here.name})",
            link_url=agreement_url(agreement),
            dedupe_key=f"agreement-{action}:{agreement.public_id}",
        )


def _locked(agreement: DataSharingAgreement) -> DataSharingAgreement:
    return DataSharingAgreement.objects.select_for_update().get(pk=agreement.pk)


def agreement_propose(
    *,
    actor,
    partner: Partner,
    referral_types: list[str],
    person_fields: list[str],
    purpose: str,
    lawful_basis: str,
    starts_on: date | None,
    ends_on: date | None,
) -> DataSharingAgreement:
    """This partner proposes an agreement to another; it is in force once accepted."""
    policy.check_manage_agreements(actor)
    here = _here()
    if here.is_training:
        raise ValidationError({"partner": "A training copy cannot make agreements."})
    errors = terms_errors(
        referral_types=referral_types,
        person_fields=person_fields,
        purpose=purpose,
        lawful_basis=lawful_basis,
        starts_on=starts_on,
        ends_on=ends_on,
        end_required=True,
    )
    if (
        partner is None
        or partner.pk == here.pk
        or not partner.is_active
        or partner.is_training
        or not partner.is_organisation
    ):
        errors["partner"] = "Choose another partner organisation from the list."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        agreement = DataSharingAgreement.objects.create(
            proposer=here,
            partner=partner,
            referral_types=sorted(set(referral_types)),
            person_fields=sorted(set(person_fields)),
            purpose=purpose.strip(),
            lawful_basis=lawful_basis,
            starts_on=starts_on,
            ends_on=ends_on,
            proposed_by_name=actor.get_full_name(),
        )
        _both_sides(
            actor=actor,
            agreement=agreement,
            action="agreement.proposed",
            detail=f"Data-sharing agreement proposed for {agreement_types_words(agreement)} referrals",
            title="A data-sharing agreement is proposed to you",
        )
    return agreement


def agreement_accept(*, actor, agreement: DataSharingAgreement) -> DataSharingAgreement:
    """The partner asked accepts: from its start date, referrals of its types may cross."""
    policy.check_manage_agreements(actor)
    with transaction.atomic():
        agreement = _locked(agreement)
        if not policy.can_answer(actor, agreement, _here()):
            raise ValidationError(
                {"agreement": "Only the partner asked can accept a proposal waiting for an answer."}
            )
        if agreement.ends_on is not None and agreement.ends_on < timezone.localdate():
            raise ValidationError({"agreement": "This proposal's end date has passed."})
        agreement.status = AgreementStatus.ACCEPTED
        agreement.answered_by_name = actor.get_full_name()
        agreement.answered_at = timezone.now()
        agreement.save(update_fields=["status", "answered_by_name", "answered_at"])
        _both_sides(
            actor=actor,
            agreement=agreement,
            action="agreement.accepted",
            detail=f"Data-sharing agreement accepted for {agreement_types_words(agreement)} referrals",
            title="Your data-sharing agreement was accepted",
        )
    return agreement


def agreement_decline(
    *, actor, agreement: DataSharingAgreement, reason: str
) -> DataSharingAgreement:
    """The partner asked declines, saying why."""
    policy.check_manage_agreements(actor)
    reason = _reason(reason, "reason", "declined")
    with transaction.atomic():
        agreement = _locked(agreement)
        if not policy.can_answer(actor, agreement, _here()):
            raise ValidationError(
                {
                    "agreement": "Only the partner asked can decline a proposal waiting for an answer."
                }
            )
        agreement.status = AgreementStatus.DECLINED
        agreement.answered_by_name = actor.get_full_name()
        agreement.answered_at = timezone.now()
        agreement.decline_reason = reason
        agreement.save(
            update_fields=["status", "answered_by_name", "answered_at", "decline_reason"]
        )
        _both_sides(
            actor=actor,
            agreement=agreement,
            action="agreement.declined",
            detail=f"Data-sharing agreement declined: {reason}",
            title="Your data-sharing agreement was declined",
        )
    return agreement


def agreement_end(*, actor, agreement: DataSharingAgreement, reason: str) -> DataSharingAgreement:
    """Either partner ends it early (or withdraws a proposal), saying why: no new
    referral crosses under it; those already sent carry on."""
    policy.check_manage_agreements(actor)
    reason = _reason(reason, "reason", "ended")
    with transaction.atomic():
        agreement = _locked(agreement)
        if not policy.can_end(actor, agreement, _here()):
            raise ValidationError({"agreement": "This agreement cannot be ended here."})
        agreement.status = AgreementStatus.ENDED
        agreement.ended_by_name = actor.get_full_name()
        agreement.ended_at = timezone.now()
        agreement.end_reason = reason
        agreement.save(update_fields=["status", "ended_by_name", "ended_at", "end_reason"])
        _both_sides(
            actor=actor,
            agreement=agreement,
            action="agreement.ended",
            detail=f"Data-sharing agreement ended: {reason}",
            title="A data-sharing agreement was ended",
        )
    return agreement


def platform_agreement_set(
    *,
    actor,
    referral_types: list[str],
    person_fields: list[str],
    purpose: str,
    lawful_basis: str,
    starts_on: date | None,
    ends_on: date | None = None,
) -> DataSharingAgreement:
    """A platform manager sets a platform-wide agreement: every partner, for its types,
    in force at once (no one to accept it)."""
    policy.check_keep_platform_agreements(actor)
    errors = terms_errors(
        referral_types=referral_types,
        person_fields=person_fields,
        purpose=purpose,
        lawful_basis=lawful_basis,
        starts_on=starts_on,
        ends_on=ends_on,
        end_required=False,
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), schema_context(get_public_schema_name()):
        agreement = DataSharingAgreement.objects.create(
            referral_types=sorted(set(referral_types)),
            person_fields=sorted(set(person_fields)),
            purpose=purpose.strip(),
            lawful_basis=lawful_basis,
            starts_on=starts_on,
            ends_on=ends_on,
            status=AgreementStatus.ACCEPTED,
            proposed_by_name=actor.get_full_name(),
            answered_by_name=actor.get_full_name(),
            answered_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            actor_is_platform=True,
            action="agreement.platform_set",
            target_public_id=agreement.public_id,
            detail=f"Platform-wide data-sharing agreement for {agreement_types_words(agreement)} referrals",
        )
    return agreement


def platform_agreement_end(
    *, actor, agreement: DataSharingAgreement, reason: str
) -> DataSharingAgreement:
    policy.check_keep_platform_agreements(actor)
    reason = _reason(reason, "reason", "ended")
    with transaction.atomic(), schema_context(get_public_schema_name()):
        agreement = _locked(agreement)
        if not policy.can_end_platform(actor, agreement):
            raise ValidationError(
                {"agreement": "Only a platform-wide agreement in force can be ended here."}
            )
        agreement.status = AgreementStatus.ENDED
        agreement.ended_by_name = actor.get_full_name()
        agreement.ended_at = timezone.now()
        agreement.end_reason = reason
        agreement.save(update_fields=["status", "ended_by_name", "ended_at", "end_reason"])
        audit_record(
            actor=actor,
            actor_is_platform=True,
            action="agreement.platform_ended",
            target_public_id=agreement.public_id,
            detail=f"Platform-wide data-sharing agreement ended: {reason}"[:300],
        )
    return agreement

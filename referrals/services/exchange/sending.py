"""Sending: both copies and both audits in one transaction; only the minimised payload."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.consent import consent_expired, consent_in_force
from casework.models import Contact
from casework.tracking import attributed
from referrals import notify, policy
from referrals.agreements.selectors import agreement_covering
from referrals.models import (
    CaseEvent,
    CaseStatus,
    Direction,
    LocalReferral,
    Referral,
    ReferralEvent,
    SupportCase,
)
from referrals.selectors_directory import directory_matches
from referrals.services import webhooks
from referrals.services.exchange.common import current_partner, inbox_url
from referrals.types import REFERRAL_TYPES
from tenants.accounts import capabilities as cap
from tenants.accounts.services.audit import audit_record
from tenants.models import Partner
from tenants.services.reference import region_for


def postcode_area(postcode: str) -> tuple[str, str]:
    """(postcode district, region) of a full postcode; empty strings when there is none."""
    district = postcode.split(" ")[0] if postcode else ""
    return district, (region_for(district) or "") if district else ""


def completion_days(entry, referral_type: str) -> int:
    """Days the receiving service has to complete the work: its own completion time when
    its directory entry gives one, else the referral type's."""
    return entry.completion_days or REFERRAL_TYPES[referral_type].completion_days


def area_of(contact: Contact) -> tuple[str, str]:
    """(postcode district, region) of a contact: the support line records both; for
    other contacts they follow from the household's postcode."""
    district, region = contact.postcode_district, contact.region
    if not district and contact.household.postcode:
        district = contact.household.postcode.split(" ")[0]
    if district and not region:
        region = region_for(district) or ""
    return district, region


def minimised_payload(
    *,
    referral_type: str,
    person,
    area: tuple[str, str],
    details: dict,
    consented: bool,
    fields_agreed=None,
) -> dict:
    """Only what the referral type needs: its detail fields, and the person fields it
    names when the person consented (without consent: the district and region only),
    and of those only the ones the data-sharing agreement lets cross (`fields_agreed`;
    the district and region always do: they route the referral)."""
    spec = REFERRAL_TYPES[referral_type]
    district, region = area
    shared = {"postcode_district": district, "region": region}
    if consented:
        for name in spec.person_fields:
            if name == "postcode_district":
                continue
            if fields_agreed is not None and name not in fields_agreed:
                continue
            shared[name] = getattr(person, name, "") or ""
    allowed = {f.name for f in spec.details}
    return {
        "person": shared,
        "details": {k: v for k, v in details.items() if k in allowed},
    }


def _sending_basis(*, contact: Contact, lawful_basis: str) -> str:
    """Consent in force (given, not past its review date) is the basis; otherwise a
    recorded lawful basis; otherwise nothing may be sent. Expired consent counts as no
    consent: refused the same way (casework.consent holds the rule)."""
    if consent_in_force(contact):
        when = f" on {contact.consent_decided_on:%d/%m/%Y}" if contact.consent_decided_on else ""
        return f"Consent given{when}"
    if lawful_basis.strip():
        return f"Lawful basis: {lawful_basis.strip()}"[:300]
    if consent_expired(contact):
        why = (
            f"The person's consent to share expired on {contact.consent_review_on:%d/%m/%Y} "
            "(its review date): record it again, or a supervisor or DSL must record a lawful "
            "basis first."
        )
    else:
        why = (
            "The person has not consented to their referral being shared and no lawful "
            "basis is recorded: a supervisor or DSL must record one first."
        )
    raise ValidationError({"receiver": why})


def contact_referral_send(
    *,
    actor,
    receiver: Partner,
    referral_type: str,
    contact: Contact,
    details: dict,
    lawful_basis: str = "",
) -> Referral:
    """Send a casework contact's referral: their consent (or the recorded lawful basis)
    is the basis, their area routes it, and the sender's copy links to them."""
    policy.check_send_referrals(actor)
    basis = _sending_basis(contact=contact, lawful_basis=lawful_basis)
    return referral_send(
        actor=actor,
        receiver=receiver,
        referral_type=referral_type,
        person=contact,
        area=area_of(contact),
        basis=basis,
        consented=consent_in_force(contact),
        details=details,
        contact=contact,
    )


def referral_send(
    *,
    actor,
    receiver: Partner,
    referral_type: str,
    person,
    area: tuple[str, str],
    basis: str,
    consented: bool,
    details: dict,
    contact: Contact | None = None,
) -> Referral:
    """Send a referral to another partner: both copies, both audits, one transaction.

    The caller says who it is about and on what footing: `person` (whose fields the
    referral type names are shared when `consented`), `area` ((district, region), which
    routes it) and `basis` (the words both sides keep); `contact` links the sender's copy
    to a casework contact when there is one. Later steps on both copies go through the
    lifecycle (lifecycle.referral_step), a direct booking's appointment too."""
    policy.check_send_referrals(actor)
    sender = current_partner()
    if sender.is_training:
        # Practice stays in the training copy: a made-up person must not reach a real partner.
        raise ValidationError(
            {"receiver": "A training copy cannot send referrals to other partners."}
        )
    if referral_type not in REFERRAL_TYPES:
        raise ValidationError({"referral_type": "Choose the kind of referral."})
    agreement = agreement_covering(sender=sender, receiver=receiver, referral_type=referral_type)
    if agreement is None:
        raise ValidationError(
            {
                "receiver": (
                    f"{sender.name} has no data-sharing agreement in force with {receiver.name} "
                    f"for {REFERRAL_TYPES[referral_type].label.lower()} referrals: ask your "
                    "data protection officer to propose one (Agreements)."
                )
            }
        )
    district, region = area
    offered = directory_matches(
        referral_type=referral_type, region=region, district=district, sender=sender
    )
    if receiver.pk not in {entry.partner_id for entry in offered}:
        raise ValidationError(
            {
                "receiver": (
                    f"{receiver.name} does not take {REFERRAL_TYPES[referral_type].label.lower()} "
                    "referrals for this area now: choose a partner the directory offers."
                )
            }
        )
    entry = next(e for e in offered if e.partner_id == receiver.pk)
    payload = minimised_payload(
        referral_type=referral_type,
        person=person,
        area=area,
        details=details,
        consented=consented,
        fields_agreed=agreement.person_fields,
    )
    now = timezone.now()
    common = {
        "referral_type": referral_type,
        "payload": payload,
        "basis": basis,
        "sent_at": now,
        "sent_by_name": f"{actor.get_full_name()} ({sender.name})",
        "respond_by": now + timedelta(hours=entry.response_hours),
        "complete_by": now + timedelta(days=completion_days(entry, referral_type)),
    }
    with transaction.atomic():
        sent = Referral.objects.create(
            direction=Direction.SENT,
            other_partner_id=receiver.pk,
            other_partner_name=receiver.name,
            contact=contact,
            **common,
        )
        ReferralEvent.objects.create(
            referral=sent,
            action="sent",
            partner_name=sender.name,
            by_name=actor.get_full_name(),
            detail=f"To {receiver.name}. {basis}.",
        )
        audit_record(
            actor=actor,
            action="referral.sent",
            detail=f"{referral_type} referral {sent.public_id} to {receiver.name}",
            after={
                "referral": str(sent.public_id),
                "receiver": receiver.slug,
                "agreement": str(agreement.public_id),
            },
        )
        webhooks.deliveries_enqueue(event="referral.sent", referral=sent)
        with schema_context(receiver.schema_name):
            received = Referral.objects.create(
                public_id=sent.public_id,
                direction=Direction.RECEIVED,
                other_partner_id=sender.pk,
                other_partner_name=sender.name,
                **common,
            )
            ReferralEvent.objects.create(
                referral=received,
                action="received",
                partner_name=sender.name,
                by_name=actor.get_full_name(),
                detail=basis,
            )
            audit_record(
                actor=None,
                action="referral.received",
                detail=f"{referral_type} referral {received.public_id} from {sender.name}",
                after={
                    "referral": str(received.public_id),
                    "sender": sender.slug,
                    "agreement": str(agreement.public_id),
                },
            )
            notify.notify(
                recipients=list(notify.users_with(cap.RECORD_CASEWORK)),
                title=f"New {REFERRAL_TYPES[referral_type].label.lower()} referral from "
                f"{sender.name}",
                link_url=inbox_url(received),
                dedupe_key=f"referral-received:{received.public_id}",
            )
            webhooks.deliveries_enqueue(event="referral.received", referral=received)
    return sent


@attributed  # the case and local referral it changes are tracked (History)
def local_referral_send(*, actor, local_referral: LocalReferral, receiver: Partner) -> Referral:
    """The data team sends one local referral of a case under review."""
    policy.check_review_cases(actor)
    with transaction.atomic():
        local = LocalReferral.objects.select_for_update().get(pk=local_referral.pk)
        case = SupportCase.objects.select_for_update().get(pk=local.case_id)
        if case.status != CaseStatus.READY:
            raise ValidationError({"receiver": "Only a case ready for review can be sent on."})
        if local.referral_id:
            raise ValidationError({"receiver": "This local referral has already been sent."})
        sent = contact_referral_send(
            actor=actor,
            receiver=receiver,
            referral_type=local.response_type,
            contact=case.beneficiary,
            details=local.details,
            lawful_basis=case.lawful_basis,
        )
        local.referral = sent
        local.save(update_fields=["referral"])
        CaseEvent.objects.create(
            case=case, actor=actor, action="referral sent", detail=receiver.name
        )
        if not case.local_referrals.filter(referral__isnull=True).exists():
            case.status = CaseStatus.REVIEWED
            case.save(update_fields=["status", "updated_at"])
    return sent

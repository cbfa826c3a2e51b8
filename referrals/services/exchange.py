"""The exchange: referrals between partners, both sides of every step.

Sending copies a minimised payload from the sender's schema into the receiver's in one
database transaction (schema_context switches search_path on the same connection), with
an audit entry on each side. Every later change is written on both sides in one
transaction too: the sender's copy first, then the receiver's (always that order, so two
partners acting at once wait for each other instead of deadlocking)."""

from contextlib import contextmanager
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.models import Consent, Contact
from referrals import notify, policy
from referrals.models import (
    CaseEvent,
    CaseStatus,
    Direction,
    LocalReferral,
    Referral,
    ReferralEvent,
    ReferralStatus,
    SupportCase,
)
from referrals.services import webhooks
from referrals.types import REFERRAL_TYPES
from tenants.accounts import capabilities as cap
from tenants.accounts.services.audit import audit_record
from tenants.models import Partner
from tenants.selectors_directory import directory_entry_for, directory_matches

S = ReferralStatus
# action → (statuses it may follow, status it leads to, which side may do it, verb for refusals)
TRANSITIONS = {
    "accepted": ({S.SENT}, S.ACCEPTED, Direction.RECEIVED, "accepted"),
    "declined": ({S.SENT}, S.DECLINED, Direction.RECEIVED, "declined"),
    "withdrawn": (
        {S.SENT, S.ACCEPTED, S.IN_PROGRESS, S.OUTCOME_RECORDED},
        S.WITHDRAWN,
        Direction.SENT,
        "withdrawn",
    ),
    "started": ({S.ACCEPTED}, S.IN_PROGRESS, Direction.RECEIVED, "started"),
    "outcome recorded": (
        {S.IN_PROGRESS},
        S.OUTCOME_RECORDED,
        Direction.RECEIVED,
        "given an outcome",
    ),
    "closed": ({S.OUTCOME_RECORDED}, S.CLOSED, Direction.RECEIVED, "closed"),
}


def current_partner() -> Partner:
    return Partner.objects.get(schema_name=connection.schema_name)


@contextmanager
def _in(schema_name: str):
    if schema_name == connection.schema_name:
        yield
    else:
        with schema_context(schema_name):
            yield


def _inbox_url(referral) -> str:
    return reverse("referral_received", kwargs={"public_id": referral.public_id})


def _sent_url(referral) -> str:
    return reverse("referral_sent", kwargs={"public_id": referral.public_id})


def minimised_payload(*, referral_type: str, contact: Contact, details: dict) -> dict:
    """Only what the referral type needs: its detail fields, and the person fields it
    names when the person consented (without consent: the district and region only)."""
    spec = REFERRAL_TYPES[referral_type]
    person = {"postcode_district": contact.postcode_district, "region": contact.region}
    if contact.consent == Consent.GIVEN:
        for name in spec.person_fields:
            if name == "postcode_district":
                continue
            person[name] = getattr(contact, name, "") or ""
    allowed = {f.name for f in spec.details}
    return {
        "person": person,
        "details": {k: v for k, v in details.items() if k in allowed},
    }


def _sending_basis(*, contact: Contact, lawful_basis: str) -> str:
    if contact.consent == Consent.GIVEN:
        when = f" on {contact.consent_decided_on:%d/%m/%Y}" if contact.consent_decided_on else ""
        return f"Consent given{when}"
    if lawful_basis.strip():
        return f"Lawful basis: {lawful_basis.strip()}"[:300]
    raise ValidationError(
        {
            "receiver": (
                "The person has not consented to their referral being shared and no lawful "
                "basis is recorded: a supervisor or DSL must record one first."
            )
        }
    )


def referral_send(
    *,
    actor,
    receiver: Partner,
    referral_type: str,
    contact: Contact,
    details: dict,
    lawful_basis: str = "",
) -> Referral:
    """Send a referral to another partner: both copies, both audits, one transaction."""
    policy.check_send_referrals(actor)
    sender = current_partner()
    if referral_type not in REFERRAL_TYPES:
        raise ValidationError({"referral_type": "Choose the kind of referral."})
    basis = _sending_basis(contact=contact, lawful_basis=lawful_basis)
    offered = directory_matches(
        referral_type=referral_type,
        region=contact.region,
        district=contact.postcode_district,
        exclude=sender,
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
    entry = directory_entry_for(receiver)
    payload = minimised_payload(referral_type=referral_type, contact=contact, details=details)
    now = timezone.now()
    common = {
        "referral_type": referral_type,
        "payload": payload,
        "basis": basis,
        "sent_at": now,
        "sent_by_name": f"{actor.get_full_name()} ({sender.name})",
        "respond_by": now + timedelta(hours=entry.response_hours),
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
            after={"referral": str(sent.public_id), "receiver": receiver.slug},
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
                after={"referral": str(received.public_id), "sender": sender.slug},
            )
            notify.notify(
                recipients=list(notify.users_with(cap.RECORD_CASEWORK)),
                title=f"New {REFERRAL_TYPES[referral_type].label.lower()} referral from "
                f"{sender.name}",
                link_url=_inbox_url(received),
                dedupe_key=f"referral-received:{received.public_id}",
            )
            webhooks.deliveries_enqueue(event="referral.received", referral=received)
    return sent


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
        sent = referral_send(
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


def _refuse_transition(referral: Referral, action: str) -> None:
    allowed, _, side, verb = TRANSITIONS[action]
    if referral.direction != side:
        who = "the partner that sent it" if side == Direction.SENT else "the receiving partner"
        raise ValidationError({"status": f"Only {who} can do that."})
    if referral.status not in allowed:
        raise ValidationError(
            {
                "status": f"This referral is {referral.get_status_display().lower()}: "
                f"it cannot be {verb} now."
            }
        )


def _transition(
    *,
    actor,
    referral: Referral,
    action: str,
    detail: str = "",
    changes: dict | None = None,
    own_changes: dict | None = None,
) -> Referral:
    """Move both copies to the action's status, write an event on each side, audit it
    and tell the other side. Refused transitions change nothing."""
    me = current_partner()
    other = Partner.objects.get(pk=referral.other_partner_id)
    sender_schema, receiver_schema = (
        (me.schema_name, other.schema_name)
        if referral.direction == Direction.SENT
        else (other.schema_name, me.schema_name)
    )
    new_status = TRANSITIONS[action][1]
    changes = changes or {}
    with transaction.atomic():
        copies = {}
        for schema in (sender_schema, receiver_schema):
            with _in(schema):
                copies[schema] = Referral.objects.select_for_update().get(
                    public_id=referral.public_id
                )
        mine = copies[me.schema_name]
        _refuse_transition(mine, action)
        now = timezone.now()
        for schema, copy in copies.items():
            with _in(schema):
                copy.status = new_status
                copy.status_changed_at = now
                for field, value in changes.items():
                    setattr(copy, field, value)
                if schema == me.schema_name:
                    for field, value in (own_changes or {}).items():
                        setattr(copy, field, value)
                copy.save()
                ReferralEvent.objects.create(
                    referral=copy,
                    action=action,
                    partner_name=me.name,
                    by_name=actor.get_full_name(),
                    detail=detail,
                )
                if schema == me.schema_name:
                    audit_record(
                        actor=actor,
                        action=f"referral.{action.replace(' ', '_')}",
                        detail=f"referral {copy.public_id}",
                        after={"status": new_status, "detail": detail[:200]},
                    )
                else:
                    audit_record(
                        actor=None,
                        action=f"referral.{action.replace(' ', '_')}_by_partner",
                        detail=f"referral {copy.public_id} by {me.name}",
                        after={"status": new_status},
                    )
                    _tell_other_side(copy, action, me)
                webhooks.deliveries_enqueue(
                    event=f"referral.{action.replace(' ', '_')}", referral=copy
                )
        referral.refresh_from_db()
    return referral


def _tell_other_side(copy: Referral, action: str, by: Partner) -> None:
    if copy.direction == Direction.SENT:
        recipients = list(notify.users_with(cap.REVIEW_REFERRALS)) or list(
            notify.users_with(cap.REFER_CUSTOMERS)
        )
        link = _sent_url(copy)
    else:
        recipients = list(notify.users_with(cap.RECORD_CASEWORK))
        link = _inbox_url(copy)
    notify.notify(
        recipients=recipients,
        title=f"{copy.type_label} referral {action} by {by.name}",
        link_url=link,
        dedupe_key=f"referral-{action}:{copy.public_id}",
    )


def referral_accept(*, actor, referral: Referral, contact: Contact) -> Referral:
    """Accepting links the referral to a local contact (found first, or created)."""
    policy.check_receive_referrals(actor)
    if contact is None:
        raise ValidationError({"contact": "Choose the local contact, or create one."})
    return _transition(
        actor=actor, referral=referral, action="accepted", own_changes={"contact": contact}
    )


def referral_decline(
    *, actor, referral: Referral, reason: str, suggested_partner: Partner | None = None
) -> Referral:
    policy.check_receive_referrals(actor)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the referral is declined."})
    suggestion = suggested_partner.name if suggested_partner else ""
    detail = reason.strip() + (f" Suggested partner: {suggestion}." if suggestion else "")
    return _transition(
        actor=actor,
        referral=referral,
        action="declined",
        detail=detail,
        changes={"decline_reason": reason.strip(), "suggested_partner_name": suggestion},
    )


def referral_withdraw(*, actor, referral: Referral, reason: str) -> Referral:
    policy.check_send_referrals(actor)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the referral is withdrawn."})
    return _transition(
        actor=actor,
        referral=referral,
        action="withdrawn",
        detail=reason.strip(),
        changes={"withdraw_reason": reason.strip()},
    )


def referral_start(*, actor, referral: Referral) -> Referral:
    policy.check_receive_referrals(actor)
    return _transition(actor=actor, referral=referral, action="started")


def referral_record_outcome(*, actor, referral: Referral, outcome: str) -> Referral:
    policy.check_receive_referrals(actor)
    if not outcome.strip():
        raise ValidationError({"outcome": "Describe the outcome."})
    return _transition(
        actor=actor,
        referral=referral,
        action="outcome recorded",
        detail=outcome.strip(),
        changes={"outcome": outcome.strip()},
    )


def referral_close(*, actor, referral: Referral) -> Referral:
    policy.check_receive_referrals(actor)
    return _transition(actor=actor, referral=referral, action="closed")


REDACTED = {"redacted": True}


def referrals_redact_for_contact(*, actor, contact: Contact) -> int:
    """Consent withdrawn: every open referral about the person is withdrawn, and every
    copy (the receiver's and our own) loses its payload. Part of the caller's transaction."""
    me = current_partner()
    count = 0
    for sent in Referral.objects.filter(direction=Direction.SENT, contact=contact).order_by("pk"):
        if sent.is_open:
            reason = "The person withdrew consent."
            _transition(
                actor=actor,
                referral=sent,
                action="withdrawn",
                detail=reason,
                changes={"withdraw_reason": reason},
            )
        other = Partner.objects.get(pk=sent.other_partner_id)
        now = timezone.now()
        for schema in (me.schema_name, other.schema_name):
            with _in(schema):
                copy = Referral.objects.select_for_update().get(public_id=sent.public_id)
                copy.payload = REDACTED
                copy.redacted_at = now
                copy.save(update_fields=["payload", "redacted_at"])
                ReferralEvent.objects.create(
                    referral=copy,
                    action="redacted",
                    partner_name=me.name,
                    by_name=actor.get_full_name(),
                    detail="Consent withdrawn: the person's details were removed.",
                )
        count += 1
    return count


def referrals_flag_late(*, now=None) -> int:
    """Referrals this partner sent that were not accepted within the receiver's stated
    response time: flagged once, on both sides, and both sides are told."""
    if connection.schema_name in ("public",) or not _has_referrals_table():
        return 0
    now = now or timezone.now()
    me = current_partner()
    flagged = 0
    late = Referral.objects.filter(
        direction=Direction.SENT, status=S.SENT, respond_by__lt=now, late_flagged_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in late:
        with transaction.atomic():
            sent = Referral.objects.select_for_update().filter(pk=pk, late_flagged_at=None).first()
            if sent is None or sent.status != S.SENT:
                continue
            other = Partner.objects.get(pk=sent.other_partner_id)
            detail = f"Not accepted within {other.name}'s response time."
            for schema in (me.schema_name, other.schema_name):
                with _in(schema):
                    copy = Referral.objects.select_for_update().get(public_id=sent.public_id)
                    copy.late_flagged_at = now
                    copy.save(update_fields=["late_flagged_at"])
                    ReferralEvent.objects.create(
                        referral=copy, action="late", partner_name="Casebridge", detail=detail
                    )
                    received = copy.direction == Direction.RECEIVED
                    notify.notify(
                        recipients=list(
                            notify.users_with(
                                cap.RECORD_CASEWORK if received else cap.REVIEW_REFERRALS
                            )
                        ),
                        title=f"{copy.type_label} referral not yet accepted",
                        body=detail,
                        link_url=_inbox_url(copy) if received else _sent_url(copy),
                        dedupe_key=f"referral-late:{copy.public_id}",
                    )
            flagged += 1
    return flagged


def _has_referrals_table() -> bool:
    return Referral._meta.db_table in connection.introspection.table_names()

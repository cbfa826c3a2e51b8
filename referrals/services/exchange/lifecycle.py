"""The lifecycle after sending: every step written on both sides in one transaction,
the sender's copy locked first, then the receiver's (so two partners acting at once wait
for each other instead of deadlocking)."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casework.models import Consent, Contact, ContactKind
from casework.services.contacts import contact_create
from referrals import notify, policy
from referrals.models import (
    REFERRAL_EVENTS_MAX,
    Direction,
    Referral,
    ReferralEvent,
    ReferralStatus,
)
from referrals.services import webhooks
from referrals.services.exchange.common import current_partner, in_schema, inbox_url, sent_url
from tenants.accounts import capabilities as cap
from tenants.accounts.services.audit import audit_record
from tenants.models import Partner

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


# Always possible, whatever a referral holds: ending it. After one of them (or a step
# refused for room) at most these few more events are written: the ending, the consent
# withdrawal's redaction and the once-only late flag.
ENDINGS = {"withdrawn", "closed"}
EVENTS_AFTER_THE_LAST_STEP = 3


def _check_room_for_events(copies: dict[str, Referral]) -> None:
    """A referral's events stay under REFERRAL_EVENTS_MAX (the API lists them whole)."""
    room = REFERRAL_EVENTS_MAX - EVENTS_AFTER_THE_LAST_STEP
    for schema, copy in copies.items():
        with in_schema(schema):
            if ReferralEvent.objects.filter(referral=copy).count() >= room:
                raise ValidationError(
                    {
                        "status": f"This referral already has {room} steps recorded, the "
                        "most one referral can hold. Close it, or withdraw it, and send a "
                        "new referral to go on."
                    }
                )


def both_copies_locked(referral: Referral) -> tuple[Partner, dict[str, Referral]]:
    """(this partner, {schema: copy}) with both copies locked, the sender's first: the one
    order every two-copy write takes, so two partners acting at once wait for each other
    instead of deadlocking. Call inside a transaction."""
    me = current_partner()
    other = Partner.objects.get(pk=referral.other_partner_id)
    sender_schema, receiver_schema = (
        (me.schema_name, other.schema_name)
        if referral.direction == Direction.SENT
        else (other.schema_name, me.schema_name)
    )
    copies = {}
    for schema in (sender_schema, receiver_schema):
        with in_schema(schema):
            copies[schema] = Referral.objects.select_for_update().get(public_id=referral.public_id)
    return me, copies


def transition(
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
    new_status = TRANSITIONS[action][1]
    changes = changes or {}
    with transaction.atomic():
        me, copies = both_copies_locked(referral)
        mine = copies[me.schema_name]
        _refuse_transition(mine, action)
        if action not in ENDINGS:
            _check_room_for_events(copies)
        now = timezone.now()
        for schema, copy in copies.items():
            with in_schema(schema):
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


def referral_step(
    *,
    actor,
    referral: Referral,
    action: str,
    detail: str,
    check: Callable[[Referral], None] | None = None,
    write: Callable[[Referral], None] | None = None,
    moves: Callable[[Referral], tuple[str, dict] | None] | None = None,
    tell: Callable[[Referral], None] | None = None,
    audit_as: str = "referral",
) -> None:
    """A step of the work on a referral (an appointment, an outcome step), written on
    both copies in one transaction, each with its event. Both copies are locked first
    (the sender's first); check(our copy) refuses, raising, before anything is written;
    write(copy) adds the step's own rows on each side; moves(our copy) may move both
    copies' status with the step ((status, other field changes), or None to stay); our
    side is audited as "<audit_as>.<action>" and tell(their copy) runs on the other side
    (its own notice)."""
    with transaction.atomic():
        me, copies = both_copies_locked(referral)
        mine = copies[me.schema_name]
        if check is not None:
            check(mine)
        _check_room_for_events(copies)
        move = moves(mine) if moves is not None else None
        now = timezone.now()
        for schema, copy in copies.items():
            with in_schema(schema):
                if move is not None:
                    status, changes = move
                    copy.status, copy.status_changed_at = status, now
                    for field, value in changes.items():
                        setattr(copy, field, value)
                    copy.save()
                ReferralEvent.objects.create(
                    referral=copy,
                    action=action,
                    partner_name=me.name,
                    by_name=actor.get_full_name(),
                    detail=detail,
                )
                if write is not None:
                    write(copy)
                if schema == me.schema_name:
                    audit_record(
                        actor=actor,
                        action=f"{audit_as}.{action.replace(' ', '_')}",
                        detail=f"referral {copy.public_id}: {detail}"[:300],
                    )
                elif tell is not None:
                    tell(copy)


def _tell_other_side(copy: Referral, action: str, by: Partner) -> None:
    if copy.direction == Direction.SENT:
        recipients = list(notify.users_with(cap.REVIEW_REFERRALS)) or list(
            notify.users_with(cap.REFER_CUSTOMERS)
        )
        link = sent_url(copy)
    else:
        recipients = list(notify.users_with(cap.RECORD_CASEWORK))
        link = inbox_url(copy)
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
    return transition(
        actor=actor, referral=referral, action="accepted", own_changes={"contact": contact}
    )


def referral_accept_with_new_contact(*, actor, referral: Referral) -> tuple[Referral, Contact]:
    """Accepting someone not yet known here: the person the referral names becomes a new
    local contact, in the same transaction (no contact is left behind if accepting is
    refused). An adult whose consent came with the referral: names cross only with it."""
    policy.check_receive_referrals(actor)
    person = (referral.payload or {}).get("person", {})
    if not (person.get("first_name") and person.get("last_name")):
        raise ValidationError(
            {"contact": "The referral carries no name: record the person on Contacts first."}
        )
    with transaction.atomic():
        contact = contact_create(
            actor=actor,
            kind=ContactKind.ADULT,
            first_name=person["first_name"],
            last_name=person["last_name"],
            phone=person.get("phone", ""),
            consent=Consent.GIVEN,
        )
        referral = referral_accept(actor=actor, referral=referral, contact=contact)
    return referral, contact


def referral_decline(
    *, actor, referral: Referral, reason: str, suggested_partner: Partner | None = None
) -> Referral:
    policy.check_receive_referrals(actor)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the referral is declined."})
    suggestion = suggested_partner.name if suggested_partner else ""
    detail = reason.strip() + (f" Suggested partner: {suggestion}." if suggestion else "")
    return transition(
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
    return transition(
        actor=actor,
        referral=referral,
        action="withdrawn",
        detail=reason.strip(),
        changes={"withdraw_reason": reason.strip()},
    )


def referral_start(*, actor, referral: Referral) -> Referral:
    policy.check_receive_referrals(actor)
    return transition(actor=actor, referral=referral, action="started")


def referral_record_outcome(*, actor, referral: Referral, outcome: str) -> Referral:
    policy.check_receive_referrals(actor)
    if not outcome.strip():
        raise ValidationError({"outcome": "Describe the outcome."})
    return transition(
        actor=actor,
        referral=referral,
        action="outcome recorded",
        detail=outcome.strip(),
        changes={"outcome": outcome.strip()},
    )


def referral_close(*, actor, referral: Referral) -> Referral:
    policy.check_receive_referrals(actor)
    return transition(actor=actor, referral=referral, action="closed")

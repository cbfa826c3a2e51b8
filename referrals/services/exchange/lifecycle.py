"""The lifecycle after sending: every step written on both sides in one transaction,
the sender's copy locked first, then the receiver's (so two partners acting at once wait
for each other instead of deadlocking)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casework.duplicates.incoming import likely_pairs_record
from casework.models import Consent, Contact, ContactKind
from casework.services.contacts import contact_create
from referrals import notify, policy
from referrals.models import (
    REFERRAL_EVENTS_MAX,
    Direction,
    Referral,
    ReferralEvent,
    ReferralStatus,
    fhir_status,
)
from referrals.selectors_directory import may_be_suggested
from referrals.services import webhooks
from referrals.services.exchange.common import current_partner, in_schema, inbox_url, sent_url
from tenants.accounts import capabilities as cap
from tenants.accounts.services.audit import audit_record
from tenants.models import Partner

S = ReferralStatus
RECEIVER, SENDER = Direction.RECEIVED, Direction.SENT
# Open statuses a referral goes back to when resumed or reopened.
WORKING = (S.SENT, S.ACCEPTED, S.IN_PROGRESS)
REOPEN_WITHIN = timedelta(days=30)


@dataclass(frozen=True)
class Step:
    allowed: frozenset  # statuses it may follow
    to: str | None  # the status it leads to; None: back to the one before (resume, reopen)
    side: str | None  # which side may take it; None: the side that ended it (reopen)
    verb: str  # "it cannot be <verb> now"


def _step(allowed, to, side, verb) -> Step:
    return Step(frozenset(allowed), to, side, verb)


# action (the event's words) → its step. Every status change of a referral is one of these.
TRANSITIONS = {
    "accepted": _step({S.SENT}, S.ACCEPTED, RECEIVER, "accepted"),
    "declined": _step({S.SENT}, S.DECLINED, RECEIVER, "declined"),
    "withdrawn": _step(
        {S.SENT, S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD}, S.WITHDRAWN, SENDER, "withdrawn"
    ),
    "started": _step({S.ACCEPTED}, S.IN_PROGRESS, RECEIVER, "started"),
    "put on hold": _step({S.ACCEPTED, S.IN_PROGRESS}, S.ON_HOLD, RECEIVER, "put on hold"),
    "resumed": _step({S.ON_HOLD}, None, RECEIVER, "resumed"),
    "completed": _step({S.IN_PROGRESS}, S.CLOSED, RECEIVER, "completed"),
    "failed": _step(
        {S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD}, S.FAILED, RECEIVER, "marked as not completed"
    ),
    "reopened": _step({S.CLOSED, S.FAILED, S.WITHDRAWN}, None, None, "reopened"),
}


def step_side(referral: Referral, action: str) -> str:
    """Which side may take the step now: reopening is for the side that ended it."""
    side = TRANSITIONS[action].side
    if side is None:
        return SENDER if referral.status == S.WITHDRAWN else RECEIVER
    return side


def step_target(referral: Referral, action: str) -> str:
    """The status the step leads to from the referral's current one."""
    to = TRANSITIONS[action].to
    if to is not None:
        return to
    back = referral.previous_status
    if action == "resumed":
        return back if back in (S.ACCEPTED, S.IN_PROGRESS) else S.ACCEPTED
    return back if back in WORKING else S.IN_PROGRESS


def step_refusal(referral: Referral, action: str, *, now=None) -> str:
    """Why this side may not take the step now, in words; "" when it may. The side is
    checked first, but reopening's side follows from the status, so there the status is."""
    step = TRANSITIONS[action]
    wrong_status = (
        f"This referral is {referral.get_status_display().lower()}: it cannot be {step.verb} now."
    )
    if step.side is None and referral.status not in step.allowed:
        return wrong_status
    side = step_side(referral, action)
    if referral.direction != side:
        who = "the partner that sent it" if side == SENDER else "the receiving partner"
        return f"Only {who} can do that."
    if referral.status not in step.allowed:
        return wrong_status
    ended_at = referral.status_changed_at
    if action == "reopened" and (now or timezone.now()) - ended_at > REOPEN_WITHIN:
        return (
            f"This referral ended more than {REOPEN_WITHIN.days} days ago: it cannot be "
            "reopened now. Send a new referral instead."
        )
    return ""


def steps_open_to(referral: Referral) -> set[str]:
    """The steps this copy's side may take now (what the screens offer)."""
    return {action for action in TRANSITIONS if not step_refusal(referral, action)}


def _refuse_transition(referral: Referral, action: str) -> None:
    refusal = step_refusal(referral, action)
    if refusal:
        raise ValidationError({"status": refusal})


# Always possible, whatever a referral holds: ending it. After one of them (or a step
# refused for room) at most these few more events are written: the ending, the consent
# withdrawal's redaction and the once-only late flag.
ENDINGS = {"withdrawn", "completed", "failed"}
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
    changes = changes or {}
    with transaction.atomic():
        me, copies = both_copies_locked(referral)
        mine = copies[me.schema_name]
        _refuse_transition(mine, action)
        if action not in ENDINGS:
            _check_room_for_events(copies)
        new_status, before = step_target(mine, action), mine.status
        now = timezone.now()
        for schema, copy in copies.items():
            with in_schema(schema):
                copy.status, copy.previous_status = new_status, before
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
                        after={
                            "status": new_status,
                            "fhir_status": fhir_status(new_status),
                            "detail": detail[:200],
                        },
                    )
                else:
                    audit_record(
                        actor=None,
                        action=f"referral.{action.replace(' ', '_')}_by_partner",
                        detail=f"referral {copy.public_id} by {me.name}",
                        after={"status": new_status, "fhir_status": fhir_status(new_status)},
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
    refused). An adult whose consent came with the referral: names cross only with it.
    When the new contact looks like someone already known here, the likely pair is kept
    for review and the managers told (casework.duplicates.incoming): the screens offer the
    match first ("this is …"), this catches the person accepted as new all the same."""
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
        likely_pairs_record(contact=contact, source="a referral")
    return referral, contact


def referral_decline(
    *, actor, referral: Referral, reason: str, suggested_partner: Partner | None = None
) -> Referral:
    policy.check_receive_referrals(actor)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the referral is declined."})
    if suggested_partner is not None and not may_be_suggested(
        referral=referral, partner=suggested_partner
    ):
        raise ValidationError(
            {
                "suggested_partner": "Suggest a partner the directory offers the sender for "
                "this referral (one it has a data-sharing agreement in force with), or none."
            }
        )
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

"""Consent withdrawal (redaction everywhere) and the late-referral sweep."""

from django.db import connection, transaction
from django.utils import timezone

from casework.models import Contact
from referrals.models import (
    Direction,
    Referral,
    ReferralEvent,
)
from referrals.selectors_queues import late_for_an_answer
from referrals.services.exchange.common import current_partner, in_schema
from referrals.services.exchange.deadlines import receivers_told, senders_told
from referrals.services.exchange.lifecycle import S, both_copies_locked, transition
from tenants.models import Partner

REDACTED = {"redacted": True}


def referrals_redact_for_contact(*, actor, contact: Contact) -> int:
    """Consent withdrawn: every open referral about the person is withdrawn, and every
    copy (the receiver's and our own) loses its payload. Part of the caller's transaction."""
    return referrals_redact(
        actor=actor,
        sent=Referral.objects.filter(contact=contact),
        reason="The person withdrew consent.",
        detail="Consent withdrawn: the person's details were removed.",
    )


def referrals_redact(
    *, actor, sent, reason: str, detail: str = "The person's details were removed."
) -> int:
    """Every open referral of `sent` (this partner's sent copies about one person) is
    withdrawn with `reason`, and every copy loses its payload: consent withdrawal and
    erasure on request (privacy.retention). Part of the caller's transaction."""
    me = current_partner()
    count = 0
    for copy_sent in sent.filter(direction=Direction.SENT).order_by("pk"):
        if copy_sent.is_open:
            transition(
                actor=actor,
                referral=copy_sent,
                action="withdrawn",
                detail=reason,
                changes={"withdraw_reason": reason},
            )
        now = timezone.now()
        _, copies = both_copies_locked(copy_sent)
        for schema, copy in copies.items():
            with in_schema(schema):
                copy.payload = REDACTED
                copy.redacted_at = now
                copy.save(update_fields=["payload", "redacted_at"])
                ReferralEvent.objects.create(
                    referral=copy,
                    action="redacted",
                    partner_name=me.name,
                    by_name=actor.get_full_name(),
                    detail=detail,
                )
        count += 1
    return count


def referrals_flag_late(*, now=None) -> int:
    """Referrals this partner sent that were not accepted within the receiver's stated
    response time: flagged once, on both sides, and both sides are told (the receiver's
    managers too: escalation)."""
    if connection.schema_name in ("public",) or not _has_referrals_table():
        return 0
    now = now or timezone.now()
    flagged = 0
    late = late_for_an_answer(
        Referral.objects.filter(direction=Direction.SENT, late_flagged_at__isnull=True), now=now
    ).values_list("pk", flat=True)
    for pk in late:
        with transaction.atomic():
            sent = Referral.objects.select_for_update().filter(pk=pk, late_flagged_at=None).first()
            if sent is None or sent.status != S.SENT:
                continue
            other = Partner.objects.get(pk=sent.other_partner_id)
            detail = f"Not accepted within {other.name}'s response time."
            _, copies = both_copies_locked(sent)
            for schema, copy in copies.items():
                with in_schema(schema):
                    copy.late_flagged_at = now
                    copy.save(update_fields=["late_flagged_at"])
                    ReferralEvent.objects.create(
                        referral=copy, action="late", partner_name="Casebridge", detail=detail
                    )
                    title = f"{copy.type_label} referral not yet accepted"
                    if copy.direction == Direction.RECEIVED:  # escalated to its managers
                        receivers_told(
                            copy, title=title, body=detail, key="referral-late", escalate=True
                        )
                    else:
                        senders_told(copy, title=title, body=detail, key="referral-late")
            flagged += 1
    return flagged


def _has_referrals_table() -> bool:
    return Referral._meta.db_table in connection.introspection.table_names()

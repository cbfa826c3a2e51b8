"""Deadlines, swept by beat in every partner over the referrals it sent: before the
answer or the work is due the receiver is reminded; once the completion deadline passes
the receiver's managers are told (escalation) and the sender too; when an on-hold
referral's review date comes the receiver is reminded. Each notice once, the
stamps written on both copies (the lifecycle's lock order). The answer's deadline
passing is referrals_flag_late's (sweeps.py), which escalates the same way."""

from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from referrals import notify
from referrals.models import Direction, Referral, ReferralEvent, ReferralStatus
from referrals.services.exchange.common import in_schema, inbox_url, sent_url
from referrals.services.exchange.lifecycle import both_copies_locked
from tenants.accounts import capabilities as cap

S = ReferralStatus
REMIND_BEFORE_ANSWER = timedelta(hours=12)
REMIND_BEFORE_COMPLETION = timedelta(days=2)
# Work that counts towards the completion deadline (on hold has its own review date).
BEING_WORKED = (S.SENT, S.ACCEPTED, S.IN_PROGRESS)


def receivers_told(copy: Referral, *, title: str, body: str, key: str, escalate=False) -> None:
    """The receiver's caseworkers; escalated, its managers (who see all its casework) are
    told apart, "Escalated: …", and only once. Call in the receiver's schema."""
    caseworkers = notify.users_with(cap.RECORD_CASEWORK)
    if escalate:
        managers = notify.users_with(cap.VIEW_ALL_CASEWORK)
        notify.notify(
            recipients=list(managers),
            title=f"Escalated: {title}",
            body=body,
            link_url=inbox_url(copy),
            dedupe_key=f"{key}-escalated:{copy.public_id}",
        )
        caseworkers = caseworkers.exclude(pk__in=managers.values("pk"))
    notify.notify(
        recipients=list(caseworkers),
        title=title,
        body=body,
        link_url=inbox_url(copy),
        dedupe_key=f"{key}:{copy.public_id}",
    )


def senders_told(copy: Referral, *, title: str, body: str, key: str) -> None:
    """The sending side: those who review referrals sent, else those who refer."""
    recipients = list(notify.users_with(cap.REVIEW_REFERRALS)) or list(
        notify.users_with(cap.REFER_CUSTOMERS)
    )
    notify.notify(
        recipients=recipients,
        title=title,
        body=body,
        link_url=sent_url(copy),
        dedupe_key=f"{key}:{copy.public_id}",
    )


def _stamp_both(sent_pk: int, *, still, field: str, now, each) -> bool:
    """Lock both copies (sender's first), re-check `still(sender's copy)`, stamp `field`
    on both and run each(copy) in the copy's schema. False when nothing was due."""
    with transaction.atomic():
        sent = Referral.objects.select_for_update().filter(pk=sent_pk).first()
        if sent is None or getattr(sent, field) is not None or not still(sent):
            return False
        _, copies = both_copies_locked(sent)
        for schema, copy in copies.items():
            with in_schema(schema):
                setattr(copy, field, now)
                copy.save(update_fields=[field])
                each(copy)
    return True


def referrals_check_deadlines(*, now=None) -> int:
    """Reminders before each deadline, and escalation when the work is late; the number
    of notices sent out (each written on both copies)."""
    if connection.schema_name == "public" or not _has_referrals_table():
        return 0
    now = now or timezone.now()
    sent = Referral.objects.filter(direction=Direction.SENT)
    done = 0

    def answer_reminder(copy):
        if copy.direction == Direction.RECEIVED:
            receivers_told(
                copy,
                title=f"{copy.type_label} referral from {copy.other_partner_name}: answer due",
                body=f"Please accept or decline it by {timezone.localtime(copy.respond_by):%d/%m/%Y %H:%M}.",
                key="referral-answer-due",
            )

    for pk in sent.filter(
        status=S.SENT,
        response_reminded_at=None,
        respond_by__gt=now,
        respond_by__lte=now + REMIND_BEFORE_ANSWER,
    ).values_list("pk", flat=True):
        done += _stamp_both(
            pk,
            still=lambda r: r.status == S.SENT,
            field="response_reminded_at",
            now=now,
            each=answer_reminder,
        )

    def completion_reminder(copy):
        if copy.direction == Direction.RECEIVED:
            receivers_told(
                copy,
                title=f"{copy.type_label} referral from {copy.other_partner_name}: work due",
                body="Complete it, or say why it could not be completed, by "
                f"{timezone.localtime(copy.complete_by):%d/%m/%Y}.",
                key="referral-work-due",
            )

    for pk in sent.filter(
        status__in=BEING_WORKED,
        completion_reminded_at=None,
        complete_by__gt=now,
        complete_by__lte=now + REMIND_BEFORE_COMPLETION,
    ).values_list("pk", flat=True):
        done += _stamp_both(
            pk,
            still=lambda r: r.status in BEING_WORKED,
            field="completion_reminded_at",
            now=now,
            each=completion_reminder,
        )

    def completion_late(copy):
        detail = "Not completed by its deadline."
        ReferralEvent.objects.create(
            referral=copy, action="late to complete", partner_name="Casebridge", detail=detail
        )
        title = f"{copy.type_label} referral not completed in time"
        if copy.direction == Direction.RECEIVED:
            body = f"From {copy.other_partner_name}; it was due by {copy.complete_by:%d/%m/%Y}."
            receivers_told(copy, title=title, body=body, key="referral-work-late", escalate=True)
        else:
            body = f"{copy.other_partner_name} has not completed it by its deadline."
            senders_told(copy, title=title, body=body, key="referral-work-late")

    for pk in sent.filter(
        status__in=BEING_WORKED, completion_late_at=None, complete_by__lte=now
    ).values_list("pk", flat=True):
        done += _stamp_both(
            pk,
            still=lambda r: r.status in BEING_WORKED,
            field="completion_late_at",
            now=now,
            each=completion_late,
        )
    done += _hold_reviews_due(sent, now=now)
    return done


def _hold_reviews_due(sent, *, now) -> int:
    """An on-hold referral whose review date has come: its receiver is reminded, once
    per hold (putting it on hold again clears the stamp, with a new date)."""

    def review_reminder(copy):
        if copy.direction == Direction.RECEIVED:
            receivers_told(
                copy,
                title=f"{copy.type_label} referral from {copy.other_partner_name}: "
                "on hold, review due",
                body=f"It was to be looked at again on {copy.hold_review_on:%d/%m/%Y} "
                f"(on hold: {copy.hold_reason}). Resume it, or say why it could not be "
                "completed.",
                key=f"referral-review-due-{copy.hold_review_on:%Y%m%d}",
            )

    done = 0
    for pk in sent.filter(
        status=S.ON_HOLD,
        hold_review_reminded_at=None,
        hold_review_on__lte=timezone.localdate(now),
    ).values_list("pk", flat=True):
        done += _stamp_both(
            pk,
            still=lambda r: r.status == S.ON_HOLD,
            field="hold_review_reminded_at",
            now=now,
            each=review_reminder,
        )
    return done


def _has_referrals_table() -> bool:
    return Referral._meta.db_table in connection.introspection.table_names()

"""Agreements reaching their end date (a daily beat job, in public): each side's champions
and data protection officers are told 30 days and again 7 days before, once each (the
notification's dedupe key); the day after its end date an agreement is ended (it already
stopped covering referrals: `selectors.in_force`), logged on both sides and both told."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context

from referrals import notify
from referrals.agreements.models import AgreementStatus, DataSharingAgreement
from referrals.agreements.services import agreement_types_words, agreement_url
from tenants.accounts import capabilities as cap
from tenants.accounts.services.audit import audit_record

REMIND_DAYS_BEFORE = (30, 7)
ENDED_BY = "Casebridge (its end date passed)"


def _tell_both(agreement: DataSharingAgreement, *, title: str, dedupe_key: str) -> int:
    told = 0
    for side, other in (
        (agreement.proposer, agreement.partner),
        (agreement.partner, agreement.proposer),
    ):
        with schema_context(side.schema_name):
            told += notify.notify(
                recipients=list(notify.users_with(cap.PROTECT_DATA)),
                title=f"{title} ({other.name})",
                link_url=agreement_url(agreement),
                dedupe_key=dedupe_key,
            )
    return told


def _remind(agreement: DataSharingAgreement, today: date) -> int:
    days_left = (agreement.ends_on - today).days
    due = [days for days in REMIND_DAYS_BEFORE if days_left <= days]
    if not due:
        return 0
    days = min(due)  # a late run sends the nearer reminder only
    words = "tomorrow" if days_left == 1 else f"in {days_left} days"
    return _tell_both(
        agreement,
        title=f"A data-sharing agreement for {agreement_types_words(agreement)} referrals ends {words}, "
        f"on {agreement.ends_on:%-d %B %Y}",
        dedupe_key=f"agreement-ends-{days}:{agreement.public_id}",
    )


def _lapse(agreement: DataSharingAgreement) -> None:
    with transaction.atomic():
        agreement = DataSharingAgreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.status != AgreementStatus.ACCEPTED:
            return
        agreement.status = AgreementStatus.ENDED
        agreement.ended_by_name = ENDED_BY
        agreement.ended_at = timezone.now()
        agreement.end_reason = f"Its end date, {agreement.ends_on:%-d %B %Y}, passed."
        agreement.save(update_fields=["status", "ended_by_name", "ended_at", "end_reason"])
        if agreement.is_platform_wide:
            audit_record(
                actor=None,
                actor_is_platform=True,
                action="agreement.platform_ended",
                target_public_id=agreement.public_id,
                detail=f"Platform-wide data-sharing agreement ended: {agreement.end_reason}",
            )
            return
        for side, other in (
            (agreement.proposer, agreement.partner),
            (agreement.partner, agreement.proposer),
        ):
            with schema_context(side.schema_name):
                audit_record(
                    actor=None,
                    action="agreement.ended",
                    target_public_id=agreement.public_id,
                    detail=f"Data-sharing agreement ended: {agreement.end_reason} "
                    f"(with {other.name})"[:300],
                    after={
                        "agreement": str(agreement.public_id),
                        "status": agreement.status,
                        "partner": other.slug,
                    },
                )
        _tell_both(
            agreement,
            title="A data-sharing agreement ended on its end date",
            dedupe_key=f"agreement-lapsed:{agreement.public_id}",
        )


def agreements_check_end_dates(*, today: date | None = None) -> dict[str, int]:
    """The beat job: reminders before end dates, and agreements past theirs ended."""
    today = today or timezone.localdate()
    reminded = ended = 0
    with schema_context(get_public_schema_name()):
        accepted = DataSharingAgreement.objects.filter(
            status=AgreementStatus.ACCEPTED, ends_on__isnull=False
        ).select_related("proposer", "partner")
        for agreement in accepted.filter(ends_on__lt=today).order_by("pk"):
            _lapse(agreement)
            ended += 1
        soon = accepted.filter(
            ends_on__gte=today,
            ends_on__lte=today + timedelta(days=max(REMIND_DAYS_BEFORE)),
            proposer__isnull=False,
        )
        for agreement in soon.order_by("pk"):
            reminded += _remind(agreement, today)
    return {"reminded": reminded, "ended": ended}

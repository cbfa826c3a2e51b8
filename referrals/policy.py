"""Who may do what with support-line cases and referrals between partners.

Support-line cases: every call handler of the partner (repeat callers reach anyone on
the line); the data team reviews and sends; supervisors and DSLs record a lawful basis.
Referrals: senders (data team, referring officers) see what their partner sent;
caseworkers see and work what their partner received."""

from collections.abc import Callable
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from referrals.models import Direction
from tenants.accounts import capabilities as cap

# How long a confirmation of the caller's identity lasts: one call, generously.
VERIFY_WINDOW = timedelta(hours=2)


class ReferralRefused(PermissionDenied):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _has(user, perm) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(perm))


def can_handle_calls(user) -> bool:
    return _has(user, cap.HANDLE_CALLS)


def check_handle_calls(user) -> None:
    if not can_handle_calls(user):
        raise ReferralRefused("Your role does not include taking support-line calls.")


def can_review_cases(user) -> bool:
    return _has(user, cap.REVIEW_REFERRALS)


def check_review_cases(user) -> None:
    if not can_review_cases(user):
        raise ReferralRefused("Only the data team reviews cases and sends local referrals.")


def case_is_verified(*, user, case) -> bool:
    """This handler confirmed the caller's identity during this call (or opened the case
    themselves in it)."""
    from referrals.models import CaseVerification

    since = timezone.now() - VERIFY_WINDOW
    if case.created_by_id == user.pk and case.created_at >= since:
        return True
    return CaseVerification.objects.filter(case=case, verified_by=user, at__gte=since).exists()


def case_details_shown(*, user, case, verified: Callable[[], bool] | None = None) -> bool:
    """Whether a support case's details show: caller and beneficiary, notes, support and
    safeguarding, signposts, local referrals. The data team always (their review page
    shows the whole case); a call handler once they confirmed the caller's identity
    during this call. Every page under a case and every GraphQL field of one asks this.
    `verified` answers the second part when the caller has it cached."""
    if can_review_cases(user):
        return True
    return verified() if verified is not None else case_is_verified(user=user, case=case)


def can_set_lawful_basis(user) -> bool:
    return _has(user, cap.SET_LAWFUL_BASIS)


def check_set_lawful_basis(user) -> None:
    if not can_set_lawful_basis(user):
        raise ReferralRefused(
            "Only a supervisor or designated safeguarding lead can record a lawful basis."
        )


def can_send_referrals(user) -> bool:
    return _has(user, cap.REVIEW_REFERRALS) or _has(user, cap.REFER_CUSTOMERS)


def check_send_referrals(user) -> None:
    if not can_send_referrals(user):
        raise ReferralRefused("Your role does not include sending referrals to other partners.")


def can_receive_referrals(user) -> bool:
    return _has(user, cap.RECORD_CASEWORK)


def can_see_referral_person(user, referral) -> bool:
    """Whether the person a referral is about shows (their name, their area): to those
    who work that side of it, while consent holds (a redacted copy shows no one)."""
    if referral.redacted_at is not None:
        return False
    if referral.direction == Direction.SENT:
        return can_send_referrals(user)
    return can_receive_referrals(user)


def check_receive_referrals(user) -> None:
    if not can_receive_referrals(user):
        raise ReferralRefused("Your role does not include working referrals from other partners.")


def can_manage_webhooks(user) -> bool:
    return _has(user, cap.MANAGE_API_TOKENS)


def check_manage_webhooks(user) -> None:
    if not can_manage_webhooks(user):
        raise ReferralRefused("Only a champion registers webhook endpoints.")


# Who helps people and so may look up other organisations' services to signpost them to
# (/directory/other-services/; the menu offers it to the same rights).
SIGNPOSTING = (
    cap.RECORD_CASEWORK,
    cap.HANDLE_CALLS,
    cap.REVIEW_REFERRALS,
    cap.REFER_CUSTOMERS,
    cap.RECORD_OUTCOMES,
)


def can_find_services_elsewhere(user) -> bool:
    return any(_has(user, perm) for perm in SIGNPOSTING)


def can_keep_directory_entry(user) -> bool:
    """The partner's own entry, from its portal (the rule is tenants.policy's)."""
    from django.db import connection

    from tenants.policy import can_keep_directory_entry as keeps

    return keeps(user, connection.tenant)


def can_correct_case_note(user, note) -> bool:
    """A summary note is corrected by its author (who knows what they meant to write)."""
    return can_handle_calls(user) and note.author_id == user.pk


def check_correct_case_note(user, note) -> None:
    check_handle_calls(user)
    if not can_correct_case_note(user, note):
        raise ReferralRefused("Only the person who wrote a note can correct it.")


# --- Corrections: which changes need a reason, which are refused (issue 15) ---

IDENTITY = {"first_name": "first name", "last_name": "last name", "date_of_birth": "date of birth"}


def caller_change_needs_reason(contact, changes: dict) -> list[str]:
    """A caller's or beneficiary's name or date of birth that was already recorded: who
    the person is. Labels of the changes to explain (empty when none)."""
    return [
        label
        for name, label in IDENTITY.items()
        if name in changes and getattr(contact, name, None) not in (None, "")
    ]


def case_change_needs_reason(case, changes: dict) -> list[str]:
    """Anything on a case after its review (the data team has sent it on)."""
    return ["details of a reviewed case"] if changes and case.status == "reviewed" else []


def check_change_case(user, case) -> None:
    """Call handlers change their line's cases; after review only the data team and
    supervisors (who review cases) may."""
    check_handle_calls(user)
    if case.status == "reviewed" and not can_review_cases(user):
        raise ReferralRefused(
            "This case has been reviewed: only the data team or a supervisor can change it."
        )


def local_referral_change_refusal(local_referral) -> dict:
    """A local referral may be corrected until it is sent ({} then); after that the
    receiver holds its own copy."""
    if local_referral.referral_id is None:
        return {}
    referral = local_referral.referral
    return {
        "details": f"This referral was sent to {referral.other_partner_name} on "
        f"{referral.sent_at:%d/%m/%Y}: it can no longer be changed. Tell them of the "
        "correction, or ask the data team to withdraw it and add a new one."
    }


def reason_missing(labels: list[str], reason: str) -> dict:
    """The refusal when a change that matters comes without its reason."""
    if not labels or (reason or "").strip():
        return {}
    return {"reason": f"Say why the {' and '.join(labels)} changed: it is kept with the change."}

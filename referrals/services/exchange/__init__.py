"""The exchange: referrals between partners, both sides of every step.

Sending copies a minimised payload from the sender's schema into the receiver's in one
database transaction (schema_context switches search_path on the same connection), with
an audit entry on each side. Every later change is written on both sides in one
transaction too: the sender's copy first, then the receiver's (always that order, so two
partners acting at once wait for each other instead of deadlocking)."""

from referrals.services.exchange.common import current_partner
from referrals.services.exchange.lifecycle import (
    TRANSITIONS,
    referral_accept,
    referral_accept_with_new_contact,
    referral_decline,
    referral_start,
    referral_withdraw,
    steps_open_to,
)
from referrals.services.exchange.sending import (
    contact_referral_send,
    local_referral_send,
    minimised_payload,
    referral_send,
)
from referrals.services.exchange.steps import (
    referral_complete,
    referral_fail,
    referral_hold,
    referral_reopen,
    referral_resume,
)
from referrals.services.exchange.sweeps import (
    REDACTED,
    referrals_flag_late,
    referrals_redact,
    referrals_redact_for_contact,
)

__all__ = [
    "REDACTED",
    "TRANSITIONS",
    "contact_referral_send",
    "current_partner",
    "local_referral_send",
    "minimised_payload",
    "referral_accept",
    "referral_accept_with_new_contact",
    "referral_complete",
    "referral_decline",
    "referral_fail",
    "referral_hold",
    "referral_reopen",
    "referral_resume",
    "referral_send",
    "referral_start",
    "referral_withdraw",
    "referrals_flag_late",
    "referrals_redact",
    "referrals_redact_for_contact",
    "steps_open_to",
]

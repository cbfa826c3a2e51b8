"""Support-line cases and the exchange that carries referrals between partners.

Everything here lives in a partner's own schema. Two modules, re-exported here so
`from referrals.models import Referral` and the app's label stay as they were: `cases`
(a support line's cases, notes, signposts) and `exchange` (referrals between partners,
their events and webhooks). Each tracked model's history model (`SupportCaseEvent`, …)
is made by pghistory here, in the app's `models`."""

from referrals.models.cases import (
    CaseEvent,
    CaseNote,
    CaseNoteCorrection,
    CaseStatus,
    CaseVerification,
    Signpost,
    SignpostCategory,
    SupportCase,
)
from referrals.models.exchange import (
    ENDED,
    FHIR_TASK_STATUS,
    NOT_USED_YET,
    REFERRAL_EVENTS_MAX,
    Direction,
    FailReason,
    LocalReferral,
    OutcomeCode,
    Referral,
    ReferralEvent,
    ReferralStatus,
    WebhookDelivery,
    WebhookEndpoint,
    fhir_status,
)

__all__ = [
    "ENDED",
    "FHIR_TASK_STATUS",
    "NOT_USED_YET",
    "REFERRAL_EVENTS_MAX",
    "CaseEvent",
    "CaseNote",
    "CaseNoteCorrection",
    "CaseStatus",
    "CaseVerification",
    "Direction",
    "FailReason",
    "LocalReferral",
    "OutcomeCode",
    "Referral",
    "ReferralEvent",
    "ReferralStatus",
    "Signpost",
    "SignpostCategory",
    "SupportCase",
    "WebhookDelivery",
    "WebhookEndpoint",
    "fhir_status",
]

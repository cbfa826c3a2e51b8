"""The support line and referrals between partners."""

from cms.default_manual import (
    Chapter,
    Topic,
    callout,
    heading,
    related,
    roles_with,
    steps,
    text,
)
from tenants.accounts import capabilities as cap

HANDLERS = roles_with(cap.HANDLE_CALLS)
REVIEWERS = tuple(sorted(set(roles_with(cap.REVIEW_REFERRALS) + roles_with(cap.REFER_CUSTOMERS))))
RECEIVERS = roles_with(cap.RECORD_CASEWORK)
KEEPERS = tuple(sorted(set(roles_with(cap.MANAGE_ROLES) + roles_with(cap.MANAGE_API_TOKENS))))
PROTECTORS = roles_with(cap.PROTECT_DATA)

CALLS = Topic(
    slug="taking-a-call",
    title="Taking a call: callers and consent",
    summary="Finding a caller who has called before, and adding a new one with or without "
    "their consent.",
    help_keys=(
        "support-line-callers",
        "support-line-new-caller",
        "support-line-caller",
        "support-line-consent",
    ),
    for_roles=HANDLERS,
    body=[
        text(
            "Always search <strong>Callers</strong> first: by the first letter of their first "
            "name, by part of a name or by a phone number. One person, one record."
        ),
        heading("Adding a caller"),
        steps(
            "Select <strong>Add a caller</strong> and read the consent statement on the "
            "screen to the caller.",
            "Record their answer: given, not requested, or requested but refused, and the "
            "date of the decision.",
            "With consent, enter their first name, last name and postcode: all three are "
            "required. The postcode district and region follow from the postcode.",
            "Without consent, enter only the postcode district (the first part of the "
            "postcode), or <strong>UK</strong> if they gave none. Names, phone numbers, "
            "emails and notes about them are refused.",
            "With consent, add any <strong>alerts</strong>: risks or needs to know before "
            "speaking to them. They show at the top of their record and of their cases.",
        ),
        text(
            "To correct a detail later, select <strong>Change</strong> beside it on their "
            "record. A changed name needs a reason; every change is on their History."
        ),
        callout(
            "information",
            "When a caller withdraws consent",
            "Open their record and select <strong>Consent withdrawn</strong>. Their details "
            "are erased, any referral still open is withdrawn, and every partner's copy is "
            "redacted.",
        ),
        related("referrals/support-line-cases"),
    ],
)

CASES = Topic(
    slug="support-line-cases",
    title="Support-line cases",
    summary="One case per need: who needs support, notes, support given, signposts and "
    "local referrals, then ready for review.",
    help_keys=(
        "support-line-cases",
        "support-line-case",
        "support-line-new-case",
        "support-line-local-referral",
        "support-line-lawful-basis",
    ),
    for_roles=HANDLERS,
    body=[
        callout(
            "safeguarding",
            "Confirm who you are speaking to",
            "A case someone else opened stays hidden until you confirm the caller's identity "
            "against their record. Tell them nothing before that.",
        ),
        steps(
            "From the caller's record select <strong>New case</strong>. A new need is always "
            "a new case.",
            "Say who requires support: the caller, someone already recorded (by client ID), "
            "or someone new, whose consent the caller gives on their behalf. When it is "
            "someone else, confirm the caller has their consent to discuss the case.",
            "Add summary notes as the call goes. Notes can be added to but never changed.",
            "Record whether psychosocial support was given and whether safeguarding was "
            "activated (with the reason: your supervisor is given a task).",
            "Add a signpost for each kind of help you pointed them to, and a local referral "
            "for each practical need no signpost meets.",
            "Select <strong>Ready for review</strong>. Later changes are shown to the data team.",
        ),
        text(
            "Without the person's consent nothing is sent to another partner unless a "
            "supervisor records a lawful basis for sharing, with the reason."
        ),
        related("referrals/reviewing-and-sending"),
    ],
)

REVIEW = Topic(
    slug="reviewing-and-sending",
    title="Reviewing cases and sending referrals",
    summary="The review queue, choosing a partner from the directory, and following what they do.",
    help_keys=("review-queue", "review-case", "referrals-sent"),
    for_roles=REVIEWERS,
    body=[
        steps(
            "Open <strong>Review</strong>: the oldest case waiting comes first.",
            "Check the notes, support and signposts.",
            "For each local referral choose a partner offered for its type and the person's "
            "area, then <strong>Send referral</strong>. Only what that kind of referral "
            "needs is sent.",
            "Or return the case to the call handler with a comment saying what is missing.",
        ),
        text(
            "<strong>Referrals sent</strong> shows each referral's status and everything the "
            "receiving partner did: accepted, declined (with their reason), started, the "
            "outcome and closing. A referral not accepted within their usual response time "
            "is flagged as late. You can withdraw a referral until it is closed."
        ),
        related("referrals/referrals-received"),
    ],
)

RECEIVED = Topic(
    slug="referrals-received",
    title="Referrals from other partners",
    summary="Accepting or declining a referral, linking it to your contact, and recording "
    "the outcome.",
    help_keys=("referrals-inbox",),
    for_roles=RECEIVERS,
    body=[
        steps(
            "Open <strong>Referrals received</strong>; you are notified of each new one.",
            "Accept it by choosing the person if they are already recorded with you, or "
            "<strong>None of these</strong> to add them. Or decline it with a reason, "
            "suggesting another partner if you know one.",
            "Select <strong>Start work</strong> when you begin. When the work is done, "
            "<strong>Complete referral</strong> with what came of it and a summary. If it "
            "must wait, <strong>Put on hold</strong> with the date you will look again; if "
            "it cannot be done, <strong>Record as not completed</strong> with the reason. "
            "A referral that ended can be reopened within 30 days. The partner who sent it "
            "sees each step.",
            "Each referral shows when it should be answered and completed: you are reminded "
            "before, and your managers are told when a deadline is missed. When a referral "
            "on hold reaches its review date you are reminded, and the lists show "
            "<strong>Review due</strong>.",
        ),
        callout(
            "information",
            "Only what was needed",
            "A referral carries only what its kind needs. If the person withdraws consent, "
            "their details disappear from your copy.",
        ),
    ],
)

SETTINGS = Topic(
    slug="directory-and-webhooks",
    title="Your directory entry and webhooks",
    summary="Telling other partners what referrals you take, and sending referral events "
    "to your own systems.",
    help_keys=("directory-entry", "webhooks"),
    for_roles=KEEPERS,
    body=[
        text(
            "Your <strong>directory entry</strong> (at /directory/) says which kinds of "
            "referral you accept, in which regions or postcode districts, whether you are "
            "accepting referrals, accepting with a waiting list (and the current wait in "
            "weeks) or closed to referrals, how quickly you usually answer and, if you "
            "wish, how many days you usually need to complete the work (left blank, each "
            "kind of referral's usual time applies). Partners "
            "sending a referral see the wait; a closed service is not offered to them. If "
            "you run more than one service, add each one. It holds nothing about anyone "
            "you help."
        ),
        text(
            "Champions register <strong>webhooks</strong> (at /webhooks/). Each referral event "
            "is posted to your endpoint with an HMAC-SHA256 signature of "
            "<em>timestamp.body</em> in the X-Casebridge-Signature header, retried if your "
            "endpoint fails, and logged. Bodies carry ids and statuses only."
        ),
    ],
)

AGREEMENTS = Topic(
    slug="data-sharing-agreements",
    title="Data-sharing agreements",
    summary="Proposing, accepting, declining and ending the agreements under which "
    "referrals cross to other partners.",
    help_keys=("agreements",),
    for_roles=PROTECTORS,
    body=[
        text(
            "A referral is sent to another partner only under a data-sharing agreement in "
            "force that covers its kind: one your organisation and theirs both agreed, or one "
            "the platform set for every partner. The directory offers only partners you have "
            "one with, and sending to any other is refused."
        ),
        heading("Proposing an agreement"),
        steps(
            "Open <strong>Agreements</strong> and select <strong>Propose an agreement</strong>.",
            "Choose the partner, the kinds of referral it covers and the details about the "
            "person that may be shared (the postcode district and region always are: they "
            "decide who can help).",
            "Say what the sharing is for, choose the lawful basis and give the start and end "
            "dates, then propose it. The other partner's champions and data protection "
            "officers are told.",
        ),
        heading("Answering and ending"),
        text(
            "A proposal made to you waits at the top of <strong>Agreements</strong>: accept "
            "it, or decline it saying why. Either partner can end an agreement early, saying "
            "why: no new referral is sent under it, and referrals already sent carry on. Every "
            "step is recorded in both partners' histories."
        ),
        heading("End dates"),
        text(
            "Both partners' champions and data protection officers are told 30 days and "
            "again 7 days before an agreement's end date. Referrals can be sent under it "
            "to the end of that day; the next morning it is ended, which both histories "
            "record. To carry on, propose a new agreement before then."
        ),
        text(
            "A partner declining a referral can suggest only partners the sender has an "
            "agreement in force with for that kind of referral."
        ),
    ],
)

CHAPTER = Chapter(
    slug="referrals",
    title="Support line and referrals",
    summary="Calls, cases, the data team's review and referrals between partners.",
    topics=[CALLS, CASES, REVIEW, RECEIVED, SETTINGS, AGREEMENTS],
    for_roles=tuple(sorted(set(HANDLERS + REVIEWERS + RECEIVERS + KEEPERS + PROTECTORS))),
)

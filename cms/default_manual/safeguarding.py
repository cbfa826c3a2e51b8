"""Family centres: safeguarding concerns, monitoring and closure approval."""

from cms.default_manual import (
    Topic,
    callout,
    definitions,
    heading,
    related,
    roles_with,
    steps,
    text,
)
from tenants.accounts import capabilities as cap

CONCERNS = Topic(
    slug="safeguarding-concerns",
    title="Safeguarding concerns and thresholds",
    summary="What to do when you are worried about a child, how to record it, and how "
    "the threshold decides what happens next.",
    help_keys=("safeguarding-case", "safeguarding", "safeguarding-cases", "safeguarding-new"),
    body=[
        callout(
            "safeguarding",
            "If a child is in immediate danger",
            "Call the emergency services on 999 first. Record it in Casebridge afterwards.",
        ),
        heading("Recording a concern"),
        text(
            "Record a concern on the same day, while the details are fresh. Write down what "
            "you saw and heard, in the child's or adult's own words where you can."
        ),
        steps(
            "Tell your line manager or designated safeguarding lead first: recording the "
            "concern never replaces telling them.",
            "Open the child's engagement and select <strong>New safeguarding case</strong>.",
            "Choose the threshold, High or Low (see below).",
            "Describe the concern: what happened, when, where and who was there.",
            "Summarise the initial actions, facts only: who you raised it with (name, job "
            "title, safeguarding role), new information from other professionals, what "
            "informed the decisions, and the actions agreed.",
            "Select <strong>Record the case</strong>. You become the case owner and get a task; "
            "your line manager and the designated safeguarding leads are notified.",
        ),
        text(
            "Only a designated safeguarding lead or deputy records that the local authority "
            "was notified, with the date. Your open cases are on your home page under "
            "<strong>My safeguarding cases</strong>; <strong>Cases</strong> in the menu lists "
            "them all, open and closed."
        ),
        heading("Thresholds"),
        text(
            "Every concern is logged as High or Low. This is not the local authority's threshold."
        ),
        definitions(
            (
                "High",
                "Child protection or child in need: external agencies need to be consulted. "
                "The child is suffering, or may be at risk of, significant harm, including "
                "harm they cause themselves (self-harm, suicidal thoughts, violence towards "
                "others, radicalisation) and witnessing domestic abuse. A concern about a child "
                "already on a plan, looked after or subject to child protection is always "
                "High. An update is required within 7 days.",
            ),
            (
                "Low",
                "Early intervention or prevention: support for parents or carers, or a "
                "meeting with them about the concern, with monitoring and escalation if it "
                "remains. An update is required within 21 days.",
            ),
        ),
        callout(
            "warning",
            "Never promise to keep a secret",
            "If a child or adult tells you something worrying, listen, reassure them, and "
            "explain that you may need to tell people whose job is to keep them safe.",
        ),
        related(
            "family-centres/safeguarding-monitoring",
            "family-centres/engagements",
        ),
    ],
)

MONITORING = Topic(
    slug="safeguarding-monitoring",
    title="Monitoring a safeguarding case and asking for closure",
    summary="Recording what is done while a case is open, and asking your manager to close it.",
    help_keys=("safeguarding-monitoring", "safeguarding-closure-request"),
    body=[
        heading("While the case is open"),
        text(
            "The case shows when the next update is due: 7 days after the last monitoring "
            "action (or the opening) for High, 21 days for Low. Each monitoring action "
            "restarts the clock; changing the threshold recalculates it. You are reminded the "
            "day before it is due and told when it is overdue; if it stays overdue, your line "
            "manager and the designated safeguarding leads are told."
        ),
        steps(
            "Open the safeguarding case.",
            "Select <strong>Add a monitoring action</strong>. Your name and job title are "
            "recorded with it.",
            "Write the actions taken and who took them (centre staff, parents or carers, "
            "other agencies), facts only, and the rationale, including why any agreed action "
            "was not completed.",
        ),
        text(
            "Monitoring actions cannot be changed or deleted once saved, so the history of "
            "the case stays complete. If you make a mistake, add a new action that corrects it."
        ),
        heading("Asking for closure"),
        text(
            "When every agreed action has been taken, ask your line manager to approve "
            "closing the case. Closing the case never closes the engagement: sessions go on "
            "being recorded as usual."
        ),
        steps(
            "Select <strong>Submit for approval</strong>.",
            "Say why the case can close: that all agreed actions were taken, or why not.",
            "Check the approver: your line manager is chosen for you. Only a manager or "
            "designated safeguarding lead can approve, never you.",
            "Select <strong>Submit for approval</strong>. The clock pauses while the request "
            "waits for a decision.",
        ),
        text(
            "You are notified of the decision. If the request is rejected the case stays "
            "open, the clock restarts, and you keep adding monitoring actions until you can "
            "submit a new request."
        ),
        callout(
            "safeguarding",
            "If things change",
            "If a new worry comes up while closure is waiting, add a monitoring action and "
            "tell your designated safeguarding lead straight away.",
        ),
        related("family-centres/safeguarding-concerns"),
    ],
)

CLOSURE_APPROVAL = Topic(
    slug="safeguarding-closure",
    title="Approving safeguarding closure",
    summary="For managers: checking a closure request and approving or rejecting it.",
    help_keys=("safeguarding-closure", "closure-approval"),
    for_roles=roles_with(cap.APPROVE_SAFEGUARDING_CLOSURE, kinds=("family_centre",)),
    body=[
        text(
            "Closure requests sent to you appear on your home page and under the bell. Only "
            "the manager a request was sent to, or a designated safeguarding lead covering "
            "for them, can decide it, and never the person who asked."
        ),
        heading("Checking a request"),
        text(
            [
                "Is the reason for closing clear, and do the monitoring actions support it?",
                "Has every agreed action been carried out or handed over?",
                "Was the local authority notified where the threshold required it?",
            ]
        ),
        heading("Approving or rejecting it"),
        steps(
            "Open the case from your home page or the notification.",
            "Read the case and its monitoring actions.",
            "Select <strong>Approve or reject closure</strong>, choose, and give your reasons.",
        ),
        text(
            "Approved: the case closes at once. Rejected: it stays open and its clock restarts. "
            "Either way the owner is notified. Managers and designated safeguarding leads also "
            "see, on each case, who has read it and when."
        ),
        callout(
            "information",
            "A record of the decision",
            "Your decision, with the date and your name, is kept in the case's approval "
            "history, which cannot be changed afterwards.",
        ),
        related("family-centres/safeguarding-monitoring"),
    ],
)

TOPICS = [CONCERNS, MONITORING, CLOSURE_APPROVAL]

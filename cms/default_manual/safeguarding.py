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
            "Open the child's engagement and select <strong>Open a safeguarding case</strong>.",
            "Describe the concern: what happened, when, where and who was there.",
            "Choose the threshold that fits best (see below). If you are unsure, choose the "
            "higher one and talk to your designated safeguarding lead.",
            "Select <strong>Open case</strong>. Your designated safeguarding lead and your "
            "line manager are told.",
        ),
        heading("Thresholds"),
        text("The threshold describes how serious the concern is, and so who needs to act."),
        definitions(
            (
                "Universal",
                "The family's needs can be met by the services everyone uses. Note it and "
                "keep an eye on it.",
            ),
            (
                "Early help",
                "The family would benefit from extra support, agreed with them, from your "
                "centre or a partner.",
            ),
            (
                "Targeted",
                "Needs are more complex and several services should work together with the family.",
            ),
            (
                "Statutory",
                "The child may be at risk of significant harm. The designated safeguarding "
                "lead refers to the local authority without delay.",
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
            "Record every action taken on the case as a monitoring entry: calls made, "
            "meetings held, what was agreed and by whom. Entries cannot be changed or "
            "deleted once saved, so that the history of the case stays complete. If you "
            "make a mistake, add a new entry that corrects it."
        ),
        steps(
            "Open the safeguarding case.",
            "Select <strong>Add a monitoring entry</strong>.",
            "Write what was done, and any next step with a date.",
        ),
        heading("Asking for closure"),
        text(
            "When the concern has been resolved, or responsibility has passed to another "
            "service, ask for the case to be closed. A manager must approve it."
        ),
        steps(
            "Add a final monitoring entry saying why the case can close.",
            "Select <strong>Request closure</strong>. The request goes to your line manager.",
            "If the manager asks for more, add the entries they need and request closure again.",
        ),
        callout(
            "safeguarding",
            "If things change",
            "If a new worry comes up while closure is waiting, add a monitoring entry and "
            "tell your designated safeguarding lead straight away.",
        ),
        related("family-centres/safeguarding-concerns"),
    ],
)

CLOSURE_APPROVAL = Topic(
    slug="safeguarding-closure",
    title="Approving safeguarding closure",
    summary="For managers: checking a closure request and approving or returning it.",
    help_keys=("safeguarding-closure", "closure-approval"),
    for_roles=roles_with(cap.APPROVE_SAFEGUARDING_CLOSURE, kinds=("family_centre",)),
    body=[
        text(
            "Closure requests from your team appear on your home page. Only managers and "
            "designated safeguarding leads can approve them."
        ),
        heading("Checking a request"),
        text(
            [
                "Is the reason for closing clear, and does the record support it?",
                "Has every agreed action been carried out or handed over?",
                "Has the family been told, where it is safe to tell them?",
                "Was the local authority notified where the threshold required it?",
            ]
        ),
        heading("Approving or returning it"),
        steps(
            "Open the request from your home page.",
            "Read the case and its monitoring entries.",
            "Select <strong>Approve closure</strong>, or <strong>Return</strong> with a "
            "note saying what is still needed.",
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

"""Everyday tools for every kind of partner: tasks and notifications, a record's history,
reports and exports; the borough's customers; training copies for champions."""

from cms.default_manual import (
    CHAMPIONS,
    Topic,
    callout,
    definitions,
    heading,
    roles_with,
    steps,
    text,
)
from tenants.accounts import capabilities as cap

TASKS = Topic(
    slug="tasks-and-notifications",
    title="Your tasks and notifications",
    summary="What the bell and the task list show, and how reminders reach you.",
    help_keys=("tasks", "notifications", "report-a-problem"),
    body=[
        text(
            "The bell at the top of every page counts the notifications you have not read "
            "yet: a safeguarding case given to you, a closure request waiting for your "
            "decision, a reminder that an update is due, a referral sent to your "
            "organisation. Each one links to the record it is about."
        ),
        steps(
            "Select the bell to see your notifications, newest first.",
            "Open a notification's link, or select <strong>Mark as read</strong>.",
            "Select <strong>Mark all as read</strong> when you have dealt with them all.",
        ),
        heading("Tasks"),
        text(
            "A task is something you need to do, with a due date when there is one. Your "
            "home page shows <strong>My open tasks</strong>: overdue first, then today and "
            "tomorrow. <strong>My tasks</strong> lists them all. Select "
            "<strong>Complete</strong> when a task is done. A safeguarding case's task is "
            "completed for you when the case closes."
        ),
        heading("Reporting a problem"),
        text(
            "Something on a page does not work, or reads wrongly? Select "
            "<strong>Report a problem</strong> at the foot of any page, say what you were "
            "doing and, if it helps, add a screenshot. Your champions get it as a task and "
            "tell you when it is dealt with; you see its status under "
            "<strong>Problems reported</strong>. Nothing about the people you work with is "
            "attached: do not type their details into the report."
        ),
        callout(
            "information",
            "Emails",
            "Notifications are also emailed to the address on your account. Emails name a "
            "case number, never a child: sign in to read the details.",
        ),
    ],
)

HISTORY = Topic(
    slug="record-history",
    title="The history of a record",
    summary="Who changed what and when, on contacts, households, engagements, cases and customers.",
    help_keys=("history",),
    body=[
        text(
            "Every change to a contact, household, engagement (with its sessions and "
            "consultations), safeguarding case or customer (with the reasons they gave and "
            "the referrals sent for them) is kept, with who made it and when. Open the "
            "record and select the <strong>History</strong> tab: each entry shows the old "
            "value and the new one."
        ),
        text(
            "History cannot be edited or deleted, by anyone. If something was recorded "
            "wrongly, correct the record: the correction appears in the history too."
        ),
        callout(
            "information",
            "Who can see it",
            "A record's history is shown to the people who may see the record itself. "
            "Reading a safeguarding case's history is logged like reading the case.",
        ),
    ],
)

SUBJECT_ACCESS = Topic(
    slug="subject-access",
    title="Subject access: everything about one person",
    summary="Answer a person's request to see what your organisation holds about them.",
    help_keys=("subject-access",),
    for_roles=roles_with(cap.PROTECT_DATA),
    body=[
        text(
            "A person may ask to see everything your organisation holds about them, and "
            "must have an answer within one month. The data protection role (and "
            "champions) can export it all at once: every record, note, plan, assessment, "
            "file, incident, event, history entry and referral event about the person."
        ),
        steps(
            "Select <strong>Subject access</strong> in the menu and find the person by "
            "name or client ID (or open their record and select <strong>Export "
            "everything about this person</strong>).",
            "Tick the names of other people found in the notes that should be taken out. "
            "They are replaced by “[name removed]” in the text only: what is written inside "
            "files cannot be taken out. Open each file listed; tick any holding other "
            "people's details to leave it out of the zip, and give it to the person "
            "separately once you have redacted it by hand.",
            "Select <strong>Build the export</strong>. Its page shows how far it has got, "
            "then <strong>Download the zip</strong>. You are also told in your "
            "notifications when it is ready.",
        ),
        text(
            "The zip holds a printable document (open it in a browser and print it or "
            "save it as PDF), the same information as data (JSON) and the files. Only you "
            "can download your export; asking for it and downloading it are both recorded."
        ),
        heading("Reading a person's records"),
        text(
            "The data protection role does not record casework, so it does not open the "
            "contact and case pages. Select <strong>What we hold</strong> next to a person "
            "found under <strong>Subject access</strong>: one read-only page shows every "
            "record about them, the holds that stop their records being disposed of, and "
            "links to <strong>Who has seen this</strong> for their record and each support "
            "case. Opening it is recorded as a look at each of those records."
        ),
    ],
)

CONSENT_REVIEWS = Topic(
    slug="consent-reviews",
    title="Consent reviews",
    summary="When given consent is due for review, and what happens when it expires.",
    help_keys=("consent-reviews",),
    body=[
        text(
            "Consent to share given by a person (or on their behalf) is reviewed a number "
            "of months after the date it was given. Each kind of organisation starts from "
            "its own number (12 months at a support line or a family centre, 24 at a "
            "borough, 6 at an advice or training provider); your data protection officer "
            "can change it (<strong>Subject access</strong>, then <strong>Consent "
            "reviews</strong>)."
        ),
        text(
            "The record shows the review date in its details. Within 30 days of it the "
            "date is marked <strong>Due soon</strong>, and the person appears under "
            "<strong>Consent to review</strong> on the home page of whoever looks after "
            "them (their open engagement's owner, or whoever recorded them)."
        ),
        callout(
            "warning",
            "Expired consent",
            "After the review date the consent has expired: a new referral is refused as "
            "if consent had been refused, unless a supervisor or DSL records a lawful "
            "basis. Ask the person again and change the consent decision date on their "
            "record: the review date moves on from the new date.",
        ),
    ],
)

REPORTS = Topic(
    slug="reports-and-exports",
    title="Reports and exports",
    summary="Figures and charts for any date range, and spreadsheets of your records.",
    help_keys=("reports", "exports"),
    for_roles=roles_with(cap.VIEW_REPORTS),
    body=[
        text(
            "<strong>Reports</strong> shows your organisation's figures for the dates you "
            "choose, with charts. Every figure counts only the records you may see, so two "
            "colleagues can see different numbers."
        ),
        steps(
            "Select <strong>Reports</strong> in the menu.",
            "Enter the first and last dates (at most five years), then select "
            "<strong>Show</strong>.",
            "To take the records away, choose an export, a format (CSV or Excel) and "
            "select <strong>Export</strong>.",
        ),
        text(
            "A small export downloads at once. A large one is built in the background: its "
            "page shows how far it has got, and a download link when it is ready. Only you "
            "can download your export."
        ),
        callout(
            "warning",
            "Look after exported files",
            "An export holds personal information. Keep it on your organisation's systems, "
            "share it only with people entitled to see it, and delete it when you are done.",
        ),
    ],
)

CUSTOMERS = Topic(
    slug="customers",
    title="Customers and their interest in support",
    summary="Recording a resident, finding them first, and whether they want employment "
    "or training support.",
    help_keys=("customers", "customer", "customer-new", "customer-reasons"),
    for_roles=roles_with(cap.REFER_CUSTOMERS),
    body=[
        steps(
            "Select <strong>Customers</strong>, then <strong>Add a customer</strong>.",
            "Search first: by name (spelling mistakes are allowed), date of birth, postcode, "
            "phone or housing reference. If the person is already there, open their record.",
            "If nobody matches, select <strong>None of these: add the customer</strong> and "
            "enter their details. The housing reference is the borough's own system's ID "
            "and can be searched later: in the Customers list, or in the search box at the "
            "top of every page.",
        ),
        heading("Interest in support"),
        text(
            "Record whether the resident is interested in employment or training support. If "
            "they are not, choose the reasons they gave, or <strong>Other</strong> with a few "
            "words. Residents who say no are recorded too: the reports count them."
        ),
        definitions(
            (
                "Reasons list",
                "Kept by your champion or manager. A reason no longer used is taken off "
                "the list, never deleted, so past answers keep their meaning.",
            ),
        ),
    ],
)

TRAINING = Topic(
    slug="training-copies",
    title="Training copies",
    summary="A practice copy of your organisation's portal, with made-up people.",
    help_keys=("training",),
    for_roles=CHAMPIONS,
    body=[
        text(
            "A training copy is a separate portal, marked <strong>Training</strong> at the "
            "top of every page, filled with made-up people. Nothing from your live records "
            "is ever copied into it, and referrals cannot be sent from it or to it."
        ),
        steps(
            "Select <strong>Training</strong> in the menu, then "
            "<strong>Create a training copy</strong>.",
            "Choose the colleagues who should practise and select <strong>Give "
            "access</strong>. Each gets an account in the copy with the same username and "
            "role, and signs in at the copy's own address with the one-time link or "
            "temporary password shown to you once.",
            "Select <strong>Reset the training copy</strong> whenever you want to start "
            "again: the made-up records are replaced and the accounts are kept.",
        ),
    ],
)


JOURNEY = Topic(
    slug="employment-support-referrals",
    title="Referring a resident to a provider and following their journey",
    summary="Appointment requests and direct bookings, the day's status, and the "
    "provider's outcome checklist that comes back to the officer.",
    help_keys=("customer-refer", "journeys", "journey", "appointment-status"),
    for_roles=tuple(
        sorted(set(roles_with(cap.REFER_CUSTOMERS)) | set(roles_with(cap.RECORD_OUTCOMES)))
    ),
    body=[
        heading("For housing officers"),
        steps(
            "Open the customer's record and select <strong>Refer to a provider</strong>. "
            "Only residents who agreed to be referred can be sent.",
            "Choose a provider the directory offers for the resident's area.",
            "Either ask the provider to contact the resident and book (a request), or, if "
            "you have already phoned the provider, enter the date, time, adviser and place "
            "(a direct booking).",
            "Select <strong>Send the referral</strong>. Only what the provider needs is sent.",
        ),
        text(
            "Everything the provider records comes back to the customer's record under "
            "<strong>Referrals and journey</strong>: the appointment's status and each "
            "step of the checklist, with its date. You see the resident's journey, never "
            "the provider's other records."
        ),
        heading("For provider advisers"),
        steps(
            "Open <strong>Employment referrals</strong> and the referral.",
            "Book the appointment if the borough sent a request.",
            "On the day, open the appointment and record its status: attended, did not "
            "attend, rescheduled (with the new date) or cancelled (and by whom). A status "
            "cannot be recorded before the appointment's date, nor changed once recorded.",
            "Record each step as it happens: interventions, training started and completed, "
            "qualification achieved, employment entered, and employment sustained at 13 and "
            "26 weeks.",
        ),
        callout(
            "information",
            "Missing statuses",
            "If an appointment's status is still missing the day after, you are reminded. "
            "Checklist steps cannot be edited or deleted: record the step again with the "
            "right details and tell the borough.",
        ),
    ],
)

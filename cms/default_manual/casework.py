"""Family centres: day-to-day casework."""

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

CONTACTS = Topic(
    slug="contacts-and-households",
    title="Contacts and households",
    summary="Finding a person before you add them, adding a contact, and keeping their "
    "household and relationships right.",
    help_keys=(
        "contacts",
        "contact",
        "contacts-create",
        "search",
        "contact-new",
        "households",
        "household",
    ),
    body=[
        heading("Search before you add"),
        text(
            "Always search for a person before adding them, so that nobody ends up with two "
            "records. The search also finds names spelt slightly differently, and people "
            "with the same date of birth or phone number."
        ),
        steps(
            "Select <strong>Contacts</strong>, then <strong>Add a contact</strong>.",
            "Type the person's name, and their date of birth if you know it, and search.",
            "If one of the results is the person, open it instead of adding a new one.",
            "If none is, fill in the form: whether they are a child or an adult, their "
            "name, preferred name and pronouns, and how to reach them.",
            "Choose their household: an existing one, or a new one with its address.",
            "Record consent: whether the person (or for a child, the adult who decides) "
            "agreed to their information being shared, and when.",
        ),
        callout(
            "warning",
            "Alerts",
            "Use <strong>Alerts</strong> for anything colleagues must see before they meet "
            "the person, such as an allergy or a risk at the address. Alerts are shown at "
            "the top of the contact's record.",
        ),
        heading("Finding someone later"),
        text(
            "Use the search box at the top of every page to find a contact or an "
            "engagement by name, client ID, date of birth, phone, postcode or email (at a "
            "borough, customers too). It forgives small spelling mistakes, says what "
            "matched, and only shows what you are allowed to see."
        ),
        heading("Households and relationships"),
        text(
            "A household is everyone living at one address. When a person moves, move them "
            "to their new household rather than editing the old address, which would move "
            "everyone else too.",
            "Record relationships (mother, carer, sibling and so on) from either person's "
            "record: Casebridge shows the relationship on both.",
        ),
        heading("Putting a record right"),
        text(
            "Select <strong>Change</strong> beside any detail on a contact's record. Any "
            "caseworker can correct a contact; a child's name or date of birth needs a "
            "reason, which is kept on the History tab with the old and new value.",
            "Someone added to a household in error (the wrong person, or recorded twice) is "
            "removed from the household page with a reason. Someone who has moved is moved "
            "to their new household instead.",
        ),
        definitions(
            (
                "Client ID",
                "The reference Casebridge gives each contact. Quote it, not names, in emails.",
            ),
            ("Watch list", "Marks a contact colleagues should keep an eye on."),
        ),
        related("family-centres/engagements"),
    ],
)

ENGAGEMENTS = Topic(
    slug="engagements",
    title="Engagements",
    summary="Opening an engagement, the stages it moves through, and sharing it with colleagues.",
    help_keys=(
        "engagement",
        "engagements",
        "engagement-open",
        "engagement-new",
        "engagement-share",
    ),
    body=[
        text(
            "An engagement is a piece of work with a child on one of your programmes. "
            "Everything you do in that work (deliveries, consultations, safeguarding "
            "cases) is recorded inside it."
        ),
        heading("Opening an engagement"),
        steps(
            "Open the child's contact record.",
            "Select <strong>Open an engagement</strong>.",
            "Choose the programme, the start date, and who referred the child and why.",
            "Select <strong>Open engagement</strong>. You become the engagement's owner.",
        ),
        heading("Stages"),
        definitions(
            ("Applied", "The family has asked for a place; nothing has started."),
            ("Waitlisted", "The child is waiting for a place on the programme."),
            ("In progress", "Work with the child is under way."),
            ("Closed", "The work has ended. See “Closing an engagement”."),
            ("Withdrawn", "The family left before the work was finished."),
        ),
        heading("Who can see it"),
        text(
            "An engagement and everything in it is seen by its owner, by managers, and by "
            "colleagues it is shared with. Share it when a colleague is working with the "
            "child too; reassign it when someone else takes over. Both are under "
            "<strong>Share or reassign</strong> on the engagement."
        ),
        callout(
            "safeguarding",
            "A worry about the child",
            "If anything you see or hear worries you about the child's safety, open a "
            "safeguarding case from the engagement straight away.",
        ),
        related(
            "family-centres/deliveries",
            "family-centres/safeguarding-concerns",
            "family-centres/closing-an-engagement",
        ),
    ],
)

DELIVERIES = Topic(
    slug="deliveries",
    title="Deliveries and bulk deliveries",
    summary="Recording the services a child receives, one at a time or for a whole group "
    "session at once.",
    help_keys=("deliveries", "delivery", "delivery-new", "deliveries-bulk", "group-session"),
    body=[
        heading("Recording one delivery"),
        steps(
            "Open the engagement.",
            "Select <strong>Record a delivery</strong>.",
            "Choose the service, the date and whether the child attended.",
            "Add how long it lasted or how many were given where that matters, and a short "
            "summary.",
        ),
        heading("Recording a group session (bulk delivery)"),
        text("For a group session, record everyone at once instead of one engagement at a time."),
        steps(
            "Select <strong>Group session</strong> in the menu.",
            "Choose the service and the date of the session.",
            "Type a child's name in <strong>Find clients</strong>: each row's list then "
            "offers their open engagements. Choose one per row, and mark any who were "
            "absent or excused.",
            "Enter the number of people who came but are not recorded as contacts.",
            "Check the list and select <strong>Record deliveries</strong>.",
        ),
        callout(
            "information",
            "Anonymous attendees",
            "People who attend without being contacts are counted, not named. They appear "
            "in reports as numbers only.",
        ),
        heading("Putting a session right"),
        text(
            "Select <strong>Change</strong> beside a session on the engagement (or on its "
            "group session's page) to correct it. A session more than 7 days old, or "
            "anything in an engagement that has ended, needs a reason; once it has ended "
            "only a manager can change it.",
            "A session recorded in error (the wrong child, day or service) is "
            "<strong>removed</strong> with a reason, never deleted: it leaves the "
            "engagement, the home page, reports and exports, and stays on the History tab "
            "with who removed it and why. Consultations are changed and removed the same "
            "way.",
            "A group session recorded under the wrong service or on the wrong day is "
            "changed on its own page: every child's row moves with it, so only someone "
            "who may change every row can move it (whoever recorded it, when every row is "
            "in their own engagements, or a manager).",
        ),
        related("family-centres/engagements", "family-centres/consultations"),
    ],
)

CONSULTATIONS = Topic(
    slug="consultations",
    title="Consultations",
    summary="Recording conversations about a child with parents, carers and other professionals.",
    help_keys=("consultation", "consultations", "consultation-new"),
    body=[
        text(
            "A consultation is a conversation about the child with someone else: a parent, "
            "a teacher, a health visitor, a social worker. Record it inside the engagement."
        ),
        steps(
            "Open the engagement and select <strong>Record a consultation</strong>.",
            "Enter the date and how it took place: meeting, phone, email or conversation.",
            "Under <strong>Held with</strong>, tick the child's household; type a name in "
            "<strong>Find another contact</strong> to add others; name people who are not "
            "contacts and their role.",
            "Write what was discussed and what was agreed.",
        ),
        callout(
            "warning",
            "Write for the reader",
            "The child or family may one day read what you write. Record facts and agreed "
            "actions, say where an opinion is yours, and avoid jargon.",
        ),
        text(
            "Someone left out is added afterwards: select <strong>Change</strong> under "
            "<strong>Held with</strong> on the engagement. Someone recorded in error is "
            "removed there with a reason; they stay on the History tab."
        ),
        related("family-centres/engagements"),
    ],
)

NOTES = Topic(
    slug="notes",
    title="Notes on a person or an engagement",
    summary="Writing down a call, visit, meeting or email; confidential notes; putting a note right.",
    help_keys=("notes", "note-new", "note-amend", "note-correct"),
    body=[
        text(
            "A note records something that happened: a call, a visit, a meeting, an email. "
            "Write it on the person's record, or inside one of their engagements when it is "
            "about that piece of work (then only those who may see the engagement read it)."
        ),
        steps(
            "Open the person or the engagement and select the <strong>Notes</strong> tab.",
            "Select <strong>Add a note</strong>, choose its type, and enter when it happened, "
            "how long it took, a one-line summary and the note itself.",
            "For a quick call, use <strong>Log a call</strong> beside the record: a summary "
            "and what was said are enough; the time is now.",
        ),
        heading("Confidential notes"),
        text(
            "Tick <strong>Confidential</strong> when only you, managers and designated "
            "safeguarding leads should read a note. Colleagues see that a confidential note "
            "was written on that date, and nothing more."
        ),
        heading("Putting a note right"),
        text(
            "For 24 hours after writing it you can <strong>Amend</strong> your note; its "
            "history keeps the version before. After that a note is never rewritten: "
            "select <strong>Correct this</strong> and say it was entered in error or give "
            "the corrected text. The note stays, marked as corrected, with yours beside it."
        ),
        related("family-centres/engagements"),
    ],
)

PLANS = Topic(
    slug="case-plans",
    title="Case plans and goals",
    summary="Goals, actions and reviews of an engagement's plan; approval by a manager.",
    help_keys=("plans",),
    body=[
        text(
            "A case plan says what the work in an engagement is for: its goals (what, why, "
            "by when and who is involved), the actions towards each goal (who does what, by "
            "when) and when the plan is next reviewed. Whoever may see the engagement reads "
            "its plan."
        ),
        steps(
            "Open the engagement and select the <strong>Plans</strong> tab, then "
            "<strong>Start a case plan</strong> with the date of its first review.",
            "Select <strong>Add a goal</strong>, then <strong>Add an action</strong> under "
            "each goal: what will be done, who does it and by when.",
            "At the review date, select <strong>Review the plan</strong>: say how each goal "
            "is going and when the plan is next reviewed. A review cannot be changed once "
            "recorded.",
        ),
        heading("Approval"),
        text(
            "Where your organisation asks for it (a manager sets this in <strong>Case plan "
            "settings</strong>), a new plan is a draft until your line manager approves it: "
            "select <strong>Send for approval</strong>. They approve it or return it with a "
            "comment. You never approve your own plan."
        ),
        heading("Changing a plan"),
        text(
            "Goals and actions can be changed or removed at any time; once the plan was "
            "approved, say why. The plan's history keeps every version and your reason. "
            "Overdue actions and reviews show on your home page and in your tasks."
        ),
        related("family-centres/engagements"),
    ],
)

ASSESSMENTS = Topic(
    slug="assessments",
    title="Assessments",
    summary="Filling in an assessment in an engagement, scores over time, putting one "
    "right, approving one, and building your partner's templates.",
    help_keys=("assessments",),
    body=[
        steps(
            "Open the engagement and select the <strong>Assessments</strong> tab.",
            "Choose the assessment and select <strong>Start the assessment</strong>.",
            "Answer the questions. <strong>Save the draft</strong> keeps your answers; "
            "<strong>Complete the assessment</strong> asks for every required answer.",
        ),
        text(
            "A completed assessment is never rewritten: select <strong>Correct this "
            "assessment</strong> and say what was wrong. Where your partner asks for it, a "
            "manager or safeguarding lead other than you approves it."
        ),
        text(
            "Scored domains (housing, health, …) are drawn over time on the tab, with a "
            "table of the same scores."
        ),
        heading("Building templates (managers)"),
        text(
            "Under <strong>Assessment templates</strong>, add sections, questions and scored "
            "domains, move them up or down, then <strong>publish</strong>: each publication "
            "is a new version. Assessments already filled in keep the version they used."
        ),
        related("family-centres/engagements"),
    ],
)

FILES = Topic(
    slug="files",
    title="Files and photos on a person's record",
    summary="Uploading letters, forms and pictures; who can download them; the photo on the card.",
    help_keys=("files",),
    body=[
        text(
            "Keep a letter, a signed form, a report or a picture with the person it is about: "
            "on their record, or inside one of their engagements (then only those who may see "
            "the engagement can download it). PDFs, images, Office and OpenDocument documents "
            "and plain text are taken, up to the size your organisation allows (20 MB unless "
            "it has changed it)."
        ),
        steps(
            "Open the person or the engagement and select the <strong>Files</strong> tab.",
            "Select <strong>Upload a file</strong>, choose the file, say what kind it is and "
            "add a line describing it.",
        ),
        text(
            "A file is checked by what it contains, not by its name: a program renamed to look "
            "like a document is refused. Files are never shown in the page: they are "
            "downloaded, and every download is recorded. Pictures get a small preview."
        ),
        heading("Removing a file"),
        text(
            "Who uploaded a file, or a manager, can <strong>Remove</strong> it, saying why. "
            "It is kept, marked as removed, and nobody can download it."
        ),
        heading("The photo on the card"),
        text(
            "Select <strong>Add a photo</strong> on the person's record to put a photo on their "
            "card. Only staff who may see the person see it. Changing or removing it is kept "
            "in its history."
        ),
    ],
)

INCIDENTS = Topic(
    slug="incidents",
    title="Recording an incident",
    summary="Injuries, behaviour, going missing, allegations: what to record and who is told.",
    help_keys=("incidents",),
    body=[
        steps(
            "Open the person and select the <strong>Incidents</strong> tab, or "
            "<strong>Record an incident</strong> in the side panel.",
            "Enter when and where it happened, its type, how serious it was, what happened, "
            "who was involved, what you did at once and whether a follow-up is needed.",
        ),
        text(
            "A <strong>high</strong> severity incident is sent at once to your line manager and "
            "the designated safeguarding leads, and the incident offers <strong>Raise a "
            "safeguarding case</strong>, filled in from what you recorded."
        ),
        heading("Putting an incident right"),
        text(
            "Who recorded it, a manager or a safeguarding lead can <strong>Correct</strong> an "
            "incident, saying why. Its history keeps the version before."
        ),
        heading("Types of incident"),
        text(
            "Managers keep the list of types (<strong>Types of incident</strong>): add one, or "
            "take one out of use; incidents that used it keep it."
        ),
    ],
)

CLOSING = Topic(
    slug="closing-an-engagement",
    title="Closing an engagement",
    summary="Ending an engagement when the work is finished or the family has left.",
    help_keys=("engagement-close",),
    body=[
        heading("Before you close"),
        text(
            [
                "Record every delivery and consultation up to the last day of work.",
                "Make sure any safeguarding case in the engagement has been closed, with "
                "a manager's approval. An engagement with an open case cannot be closed.",
                "Tell the family, and any colleague it is shared with.",
            ]
        ),
        heading("Closing it"),
        steps(
            "Open the engagement and select <strong>Close the engagement</strong>.",
            "Choose <strong>Closed</strong> if the work was finished, or "
            "<strong>Withdrawn</strong> if the family left before it was.",
            "Enter the date the work ended and select <strong>Close engagement</strong>.",
        ),
        callout(
            "information",
            "Nothing is lost",
            "A closed engagement stays on the child's record with everything in it. Open a "
            "new engagement if the family comes back.",
        ),
        related("family-centres/engagements", "family-centres/safeguarding-closure"),
    ],
)

PROGRAMMES = Topic(
    slug="programmes-and-services",
    title="Programmes and services",
    summary="For managers: keeping the list of programmes and the services delivered on them.",
    help_keys=("programmes", "services"),
    for_roles=roles_with(cap.MANAGE_PROGRAMMES, kinds=("family_centre",)),
    body=[
        text(
            "Engagements are opened on a programme, and deliveries record one of its "
            "services. Managers keep the list on the <strong>Programmes and services</strong> "
            "page."
        ),
        steps(
            "Select <strong>Add programme</strong>, and give it a name and a short code prefix.",
            "Add its services. Each service name starts with the programme's prefix, so "
            "that services are easy to tell apart in lists and reports.",
        ),
        callout(
            "information",
            "Retiring a programme",
            "Mark a programme or service inactive rather than deleting it. It disappears "
            "from the choices but stays on the records that used it.",
        ),
    ],
)

# Closing comes after the safeguarding topics in the chapter (see cms.default_manual).
DUPLICATES = Topic(
    slug="duplicates",
    title="Likely duplicate contacts and merging",
    summary="Finding people recorded twice, merging their records (and undoing a merge), "
    "and keeping apart those who only look alike.",
    help_keys=("duplicates",),
    body=[
        text(
            "Managers find <strong>Likely duplicates</strong> on the Contacts page: pairs "
            "of people whose names sound alike (or whose first names do and whose dates of "
            "birth agree) and who share another detail such as a phone, an email or a "
            "postcode. Two people with different dates of birth are never offered."
        ),
        steps(
            "Select <strong>Review</strong> beside a pair to see both records side by side.",
            "If they are different people (twins, a parent and child with one name), say how "
            "you know and select <strong>Keep them as different people</strong>: the pair is "
            "not offered again, and your reason is kept with your name.",
        ),
        text(
            "If they are the same person, select <strong>Merge the two records</strong> "
            "(or <strong>Merge with another record…</strong> on a contact's page)."
        ),
        steps(
            "Choose the record to keep and, where the two differ, which name, date of birth, "
            "phone, household and so on is right.",
            "Say how you know they are the same person and select <strong>Merge the "
            "records</strong>. Everything on the other record (engagements, notes, plans, "
            "assessments, files, incidents, events, relationships, referrals) moves to the one "
            "kept; the other is kept, hidden, and its address leads to the record kept.",
        ),
        text(
            "Managers merge any two records; a practitioner only when they can see every "
            "engagement of both. Two people who each have an open safeguarding case are "
            "merged by a designated safeguarding lead. The merge, its reason and who made it "
            "are on both records' History."
        ),
        text(
            "A manager can undo a merge for 30 days: select <strong>Undo the merge</strong> "
            "on the record kept and say why. Everything that moved goes back. If something "
            "has changed since (a detail taken from the other record, or a record that moved "
            "and has been moved on), Casebridge says what and undoes nothing."
        ),
        text(
            "Each night Casebridge looks for new likely duplicates and gives the managers a "
            "task to review them."
        ),
        text(
            "When a referral from another partner is accepted as a new contact but looks "
            "like someone already recorded here, the managers get a task to review the two "
            "records side by side at once. Where the person is offered on the referral's "
            "page, choose them instead of creating a new contact."
        ),
        related("family-centres/contacts-and-households"),
    ],
)

CALENDAR = Topic(
    slug="calendar",
    title="Your calendar: visits, meetings and sessions",
    summary="Booking an event with a person, weekly sessions, recording attendance, "
    "the calendar address for your phone.",
    help_keys=("calendar",),
    body=[
        steps(
            "Open the person or the engagement and select <strong>Book a visit</strong> (or "
            "the <strong>Events</strong> tab, then <strong>Book an event</strong>).",
            "Choose the type, the date, when it starts and ends, and where. Add other people "
            "by their client IDs and tick colleagues who come too.",
            "To repeat it, enter the number of weeks: each week's event is made at once and "
            "can be changed or cancelled on its own, with a reason.",
        ),
        text(
            "Once the event has started, open it and record, for each person, whether they "
            "attended, did not attend or cancelled. When the event is in an engagement and "
            "gives a service, this records the sessions too: all of them, or none if one "
            "cannot be recorded."
        ),
        heading("Your calendar on your phone"),
        text(
            "On <strong>My calendar</strong>, select <strong>Make a calendar address</strong> "
            "and add it to your calendar app. It shows only initials and the type of event, "
            "never names. Anyone with the address can read it: turn it off, or make a new "
            "one, from the same page if it was shared by mistake."
        ),
        related("family-centres/engagements"),
    ],
)

IMPORTS = Topic(
    slug="imports",
    title="Importing records from another system",
    summary="Bringing contacts, households, engagements and deliveries in from a Salesforce "
    "or Dynamics 365 export or another spreadsheet: the dry run, the import, importing again.",
    help_keys=("imports",),
    body=[
        text(
            "Managers and champions find <strong>Import</strong> on the Contacts page. Import "
            "the contacts (with their households) first, then their engagements, then the "
            "deliveries: each file finds the records of the one before by their ids in the "
            "old system."
        ),
        steps(
            "Select <strong>New import</strong>, choose what the file holds and upload a CSV "
            "file (UTF-8) or an Excel workbook (.xlsx) whose first row names the columns.",
            "Check the columns: those of a Salesforce or Dynamics 365 export are chosen "
            "already. The first rows are shown as they will be read.",
            "Select <strong>Check the file (dry run)</strong>. Every row is checked as the "
            "screens check it; the report says how many records would be created, which "
            "rows are people already recorded (and what matched), and which rows are "
            "refused and why. Nothing is saved.",
            "Download the refused rows, correct them and upload that file later, or select "
            "<strong>Import</strong>. The page shows the progress.",
        ),
        callout(
            "information",
            "Importing the same file again",
            "Every record keeps the system and id it came from. The same file imported again "
            "adds nothing; a later file with changes updates those records, and their "
            "History says the import changed them and who ran it.",
        ),
        text(
            "A file is refused whole, with nothing saved, when it is not a spreadsheet, is "
            "not in UTF-8, holds formulas, names a column twice or is too large."
        ),
        related("family-centres/contacts-and-households"),
    ],
)

WHO_LOOKED = Topic(
    slug="who-has-seen-this",
    title="Who has seen a record, and emergency access",
    summary="Every record opened is kept: who, when, from where. Emergency access when you "
    "must see an engagement that is not yours.",
    help_keys=("who-looked", "emergency-access"),
    body=[
        text(
            "Each time someone opens a contact, a household, an engagement, a support case, a "
            "customer or a referral, or downloads a file or an export, Casebridge keeps who it "
            "was, when, and whether it was in the portal or through the API (with the token's "
            "name)."
        ),
        steps(
            "Managers, safeguarding leads and the data protection officer open the record and "
            "select the <strong>Who has seen this</strong> tab.",
            "To see everything one account opened, open the account under "
            "<strong>Users</strong> and select <strong>What this account looked at</strong>, "
            "then choose the days.",
        ),
        heading("Emergency access"),
        text(
            "If you open an engagement that is not yours and has not been shared with you, "
            "you may ask for <strong>emergency access</strong>, saying why. It lasts 24 hours. "
            "The safeguarding leads and the engagement's owner are told at once, and every "
            "page you open is marked on the record's <strong>Who has seen this</strong> tab."
        ),
        text(
            "Safeguarding leads read each reason under <strong>Emergency access</strong> (in "
            "the menu) and mark it reviewed. A manager or the data protection officer can "
            "turn emergency access off for the organisation from the same page."
        ),
    ],
)

TOPICS = [
    CONTACTS,
    ENGAGEMENTS,
    DELIVERIES,
    CONSULTATIONS,
    NOTES,
    PLANS,
    ASSESSMENTS,
    FILES,
    INCIDENTS,
    WHO_LOOKED,
    DUPLICATES,
    CALENDAR,
]
MANAGING = [PROGRAMMES, IMPORTS]

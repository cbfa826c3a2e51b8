"""Family centres: what sits on a contact's or an engagement's record (notes, case plans,
assessments, files, incidents) and who has looked at it."""

from cms.default_manual import (
    Topic,
    heading,
    related,
    steps,
    text,
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

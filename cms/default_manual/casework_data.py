"""Family centres: keeping the records clean and complete (likely duplicates and their
merging, importing records from another system)."""

from cms.default_manual import (
    Topic,
    callout,
    related,
    steps,
    text,
)

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
            "postcode. Two people with different dates of birth are never offered. The "
            "search runs each night (each manager gets a task when it finds new pairs); "
            "select <strong>Find duplicates</strong> to run it now."
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

"""Family centres: day-to-day casework (contacts, engagements, deliveries, consultations,
the calendar, closing work, programmes). The record's parts are in `casework_record`,
duplicates and imports in `casework_data`; `TOPICS` keeps the chapter's order."""

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
from cms.default_manual.casework_data import DUPLICATES, IMPORTS
from cms.default_manual.casework_record import (
    ASSESSMENTS,
    FILES,
    INCIDENTS,
    NOTES,
    PLANS,
    WHO_LOOKED,
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

"""Fictional casework for the demo family centre: a catalogue, families, engagements and
a few weeks of sessions, so the home page and lists show something real."""

from datetime import date, timedelta

from casework.models import Attendance, Consent, ContactKind, Programme, ServiceDelivery
from casework.services.contacts import contact_create
from casework.services.engagements import engagement_open, programme_create, service_create
from casework.services.relationships import relationship_create

FAMILIES = [
    # (surname, child's first name, parent's first name, postcode, attendance pattern, oldest first)
    ("Bunny", "Sam", "Jo", "SW1A 1AA", ["attended", "attended", "absent"]),
    ("Hollow", "Mia", "Chris", "M1 1AE", ["absent", "absent", "absent"]),
    ("Fernsby", "Leo", "Ari", "B33 8TH", ["attended", "attended", "attended"]),
    ("Quill", "Ada", "Rowan", "CR2 6XH", []),
]
# How each family's parent is related to the child, and the child's pronouns (Ada has
# none recorded, so she reads as her parent's "child", not "daughter").
PARENT_IS = {"Bunny": "mother", "Hollow": "father", "Fernsby": "parent", "Quill": "mother"}
CHILD_PRONOUNS = {"Bunny": "he/him", "Hollow": "she/her", "Fernsby": "he/him", "Quill": ""}


def people_demo_seed(*, practitioner) -> list:
    """The same made-up families, without programmes (for kinds that keep none):
    returns the children."""
    today = date.today()
    return [
        demo_family_add(practitioner, today, surname, child_name, parent_name, postcode)
        for surname, child_name, parent_name, postcode, _ in FAMILIES
    ]


def training_people_seed(*, kind, recorder, manager=None) -> None:
    """A training copy's made-up people (registered with tenants.hooks): the demo
    programme where the kind has a manager to run one, otherwise the families alone.
    Boroughs and providers keep customers, not families (customers' own hook)."""
    if kind not in ("family_centre", "support_line"):
        return
    if manager is not None:
        casework_demo_seed(practitioner=recorder, manager=manager)
    else:
        people_demo_seed(practitioner=recorder)


def demo_family_add(practitioner, today, surname, child_name, parent_name, postcode):
    """A made-up child and parent in one household (the demo and bench's larger copies)."""
    child = contact_create(
        actor=practitioner,
        kind=ContactKind.CHILD,
        first_name=child_name,
        last_name=surname,
        date_of_birth=today - timedelta(days=3 * 365),
        pronouns=CHILD_PRONOUNS.get(surname, ""),
        consent=Consent.GIVEN,
        consent_decided_on=today - timedelta(days=40),
        address_line_1="1 Example Street",
        postcode=postcode,
        alerts="Nut allergy" if surname == "Fernsby" else "",
    )
    parent = contact_create(
        actor=practitioner,
        kind=ContactKind.ADULT,
        adult_role="parent",
        first_name=parent_name,
        last_name=surname,
        household=child.household,
        consent=Consent.GIVEN,
        phone="07700 900000",
    )
    relationship_create(
        actor=practitioner, contact=parent, other=child, kind=PARENT_IS.get(surname, "parent")
    )
    return child


def casework_demo_seed(*, practitioner, manager) -> None:
    """Idempotent: does nothing once the demo programme exists."""
    if Programme.objects.filter(name="Riverside Families").exists():
        return
    programme = programme_create(actor=manager, name="Riverside Families", code_prefix="RF")
    stay_and_play = service_create(actor=manager, programme=programme, name="Stay & Play session")
    service_create(actor=manager, programme=programme, name="Nursery")
    service_create(actor=manager, programme=programme, name="Parenting course")
    today = date.today()
    for surname, child_name, parent_name, postcode, pattern in FAMILIES:
        child = demo_family_add(practitioner, today, surname, child_name, parent_name, postcode)
        engagement = engagement_open(
            actor=practitioner,
            contact=child,
            programme=programme,
            start_date=today - timedelta(days=35),
            referral_source="Health visitor",
            referral_date=today - timedelta(days=40),
        )
        for weeks_ago, attendance in zip(range(len(pattern), 0, -1), pattern, strict=True):
            ServiceDelivery.objects.create(
                engagement=engagement,
                service=stay_and_play,
                date=today - timedelta(weeks=weeks_ago - 1, days=1),
                attendance=Attendance(attendance),
                duration_minutes=90,
                recorded_by=practitioner,
            )
    _todays_group_session(practitioner=practitioner, service=stay_and_play, today=today)


def _todays_group_session(*, practitioner, service, today) -> None:
    """This morning's Stay & Play, recorded as a group session (the home page's "today's
    group sessions"): the children who came by name, and three more not named."""
    from casework.models import Engagement
    from casework.services.group_sessions import BulkRow, deliveries_bulk_create

    came = Engagement.objects.filter(
        owner=practitioner, contact__last_name__in=["Fernsby", "Quill"]
    )
    deliveries_bulk_create(
        actor=practitioner,
        rows=[BulkRow(engagement=e, service=service, on=today) for e in came.order_by("pk")],
        anonymous_attendees=3,
        group_service=service,
        on=today,
    )

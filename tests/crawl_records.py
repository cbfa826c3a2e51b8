"""The crawl's records of one screen each (tests/pages_crawl.py), made so the cross-partner
sweep (tests/test_url_cross_partner.py) opens every portal screen of one record at the
crawl's partner and asks for it at another: a photo on the child's card, a calendar
address, a problem reported with a screenshot, an engagement the practitioner may not see,
an import that refused a row, a likely duplicate pair and a merge, a subject access
export, the same pair and merge of the borough's customers, and a step on the
provider's employment journey.

Each is made once per database (the crawl's partners are committed and kept), each
outside the crawl's first transaction and inside its partner's schema: the Celery tasks
they queue at commit (the import's dry run, the export's build, eager in tests) run in the
schema they were sent from."""

from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

# A likely duplicate pair (the same name and date of birth) the managers review, and
# another pair, merged (its Undo screen).
DUPLICATE_PAIR = ("Poppy", "Larch", date(1984, 5, 17))
MERGED_PAIR = ("Hazel", "Thornbury", date(1979, 11, 2))
# The crawl's import sample's columns, and a row the dry run refuses: no last name.
IMPORT_SAMPLE = Path(__file__).parent / "casework/imports/files/salesforce-contacts.csv"
REFUSED_ROW = "003999999999999998,,,Zed,,,Child,,,,,\n"


def png(width: int = 200, height: int = 150) -> bytes:
    """A small made-up picture (a sun over a house)."""
    image = Image.new("RGB", (width, height), (235, 245, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, 70, 70), fill=(250, 200, 40))
    draw.rectangle((100, 70, 170, 130), fill=(60, 120, 200))
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def family_centre_records_ensure() -> None:
    """In the family centre's schema: what its screens of one record need."""
    from tenants.accounts.models import User

    staff = {u.username: u for u in User.objects.filter(username__in=["practitioner", "manager"])}
    practitioner, manager = staff["practitioner"], staff["manager"]
    with transaction.atomic():
        _photo(practitioner=practitioner)
        _calendar_feed(practitioner=practitioner)
        _problem_with_screenshot(practitioner=practitioner)
        _engagement_unseen(manager=manager)
        _duplicates(manager=manager)
    _refused_import(manager=manager)
    _subject_export()


def _photo(*, practitioner) -> None:
    """Sam's photo (the card's picture, its Remove screen)."""
    from casework.files.models import ContactPhoto
    from casework.files.services import photo_set
    from casework.models import Contact

    if ContactPhoto.objects.exists():
        return
    photo_set(
        actor=practitioner,
        contact=Contact.objects.get(first_name="Sam", last_name="Bunny"),
        upload=SimpleUploadedFile("Sam.png", png()),
    )


def _calendar_feed(*, practitioner) -> None:
    """The practitioner's secret calendar address (the .ics feed)."""
    from casework.events.models import CalendarFeed
    from casework.events.services import calendar_feed_issue

    if CalendarFeed.objects.filter(user=practitioner, revoked_at__isnull=True).exists():
        return
    calendar_feed_issue(actor=practitioner)


def _problem_with_screenshot(*, practitioner) -> None:
    from workspace.models import ProblemReport
    from workspace.services.problems import problem_report

    if ProblemReport.objects.exclude(screenshot="").exists():
        return
    problem_report(
        actor=practitioner,
        doing="Printing the plan, the page came out blank (screenshot attached).",
        screenshot=SimpleUploadedFile("screenshot.png", png()),
    )


UNSEEN = ("Juniper", "Moss")


def _engagement_unseen(*, manager) -> None:
    """An engagement of the manager's the practitioner may not see and holds no emergency
    access to (the form asking for it)."""
    from casework.models import Contact, ContactKind, Programme
    from casework.services.contacts import contact_create
    from casework.services.engagements import engagement_open

    first_name, last_name = UNSEEN
    if Contact.objects.filter(first_name=first_name, last_name=last_name).exists():
        return
    child = contact_create(
        actor=manager,
        kind=ContactKind.CHILD,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date.today() - timedelta(days=5 * 365),
    )
    engagement_open(
        actor=manager,
        contact=child,
        programme=Programme.objects.filter(is_active=True).order_by("pk").first(),
        start_date=date.today() - timedelta(days=3),
    )


def _adults(first_name: str, last_name: str, born: date, *, actor) -> list:
    from casework.models import ContactKind
    from casework.services.contacts import contact_create

    return [
        contact_create(
            actor=actor,
            kind=ContactKind.ADULT,
            first_name=first_name,
            last_name=last_name,
            date_of_birth=born,
        )
        for _ in range(2)
    ]


def _duplicates(*, manager) -> None:
    from casework.duplicates.merging import contacts_merge
    from casework.models import Contact

    if not Contact.objects.filter(first_name=DUPLICATE_PAIR[0]).exists():
        _adults(*DUPLICATE_PAIR, actor=manager)
    if not Contact.objects.filter(first_name=MERGED_PAIR[0]).exists():
        survivor, merged = _adults(*MERGED_PAIR, actor=manager)
        contacts_merge(
            actor=manager,
            survivor=survivor,
            merged=merged,
            reason="Recorded twice at the front desk.",
        )


def _refused_import(*, manager) -> None:
    """A file of contacts checked (the dry run) with one row refused: its refused rows'
    download. Nothing is imported."""
    from casework.imports.models import ImportJob
    from casework.imports.services import import_check, import_upload

    if ImportJob.objects.exclude(refused_file="").exists():
        return
    header = IMPORT_SAMPLE.read_text().splitlines()[0]
    job = import_upload(
        actor=manager,
        kind_key="contacts",
        uploaded=SimpleUploadedFile(
            "contacts-with-a-bad-row.csv", f"{header}\n{REFUSED_ROW}".encode()
        ),
    )
    import_check(actor=manager, job=job, mapping=job.mapping, source_system="Salesforce")


def _subject_export() -> None:
    """Sam's subject access export, built (its page and its download)."""
    from casework.models import Contact
    from privacy.subject_access.models import SubjectAccessExport
    from privacy.subject_access.services import subject_export_create
    from tenants.accounts.models import User

    if SubjectAccessExport.objects.exists():
        return
    subject_export_create(
        actor=User.objects.get(username="data-protection"),
        person=Contact.objects.get(first_name="Sam", last_name="Bunny"),
    )


# The same for the borough's customers.
CUSTOMER_PAIR = ("Rowan", "Ashby", date(1990, 2, 8))
CUSTOMERS_MERGED = ("Ivy", "Fenwick", date(1987, 6, 30))


def borough_records_ensure() -> None:
    """In the borough's schema: a likely duplicate pair of customers and a merged pair
    (the review, merge and Undo screens)."""
    from customers.models import Customer
    from customers.services.customers import customer_create
    from customers.services.duplicates import customers_merge
    from tenants.accounts.models import User

    champion = User.objects.get(username="champion")

    def two(first_name: str, last_name: str, born: date) -> list:
        return [
            customer_create(
                actor=champion, first_name=first_name, last_name=last_name, date_of_birth=born
            )
            for _ in range(2)
        ]

    with transaction.atomic():
        if not Customer.objects.filter(first_name=CUSTOMER_PAIR[0]).exists():
            two(*CUSTOMER_PAIR)
        if not Customer.objects.filter(first_name=CUSTOMERS_MERGED[0]).exists():
            survivor, merged = two(*CUSTOMERS_MERGED)
            customers_merge(
                actor=champion,
                survivor=survivor,
                merged=merged,
                reason="Registered twice by two officers.",
            )


def provider_records_ensure() -> None:
    """In the provider's schema: a step on the crawl's employment journey (its Correct
    screen)."""
    from customers.models import OutcomeStep, StepKind
    from customers.services.outcomes import outcome_step_record
    from referrals.models import Direction, Referral
    from tenants.accounts.models import User

    if OutcomeStep.objects.exists():
        return
    with transaction.atomic():
        outcome_step_record(
            actor=User.objects.get(username="adviser"),
            referral=Referral.objects.get(
                direction=Direction.RECEIVED, referral_type="employment-support"
            ),
            kind=StepKind.INTERVENTION,
            on=date.today(),
            details={"intervention": "cv"},
        )

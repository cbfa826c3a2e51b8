"""Import (issue 18): a Salesforce-shaped export of contacts, engagements and deliveries
through the dry run and the import, the same file again (nothing twice), a changed file
(updated, with history naming the import and who ran it), the refused rows' report and
download, each bad file refused with nothing written, and who may: managers within their
own partner only."""

from datetime import date

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from casework.duplicates.merging import contacts_merge
from casework.imports import services
from casework.imports.models import ImportedRecord, ImportJob, ImportStatus
from casework.models import Contact, Engagement, Programme, Service, ServiceDelivery
from casework.services.contacts import contact_create
from tests import url_coverage
from tests.casework.imports.helpers import csv_edited, imported, sample, upload, xlsx_of
from tests.casework.screens import body, user_with
from tests.clients import signed_in

CONTACTS = "salesforce-contacts.csv"


@pytest.fixture
def w(in_partner_a, partner_a, partner_b):
    class W:
        pass

    w = W()
    w.partner_a, w.partner_b = partner_a, partner_b
    w.manager = user_with("manager")
    w.practitioner = user_with("practitioner")
    programme = Programme.objects.create(name="Riverside Families", code_prefix="RF")
    Service.objects.create(programme=programme, name="Stay & Play session")
    # Already recorded: the first family's parent (row 3), typed with a slip in the name.
    w.known = contact_create(
        actor=w.practitioner,
        kind="adult",
        first_name="Arlo",
        last_name="Ashdwon",
        date_of_birth=date(1985, 1, 1),
        postcode="SW1A 1AA",
    )
    return w


def _counts(job, run="import"):
    return job.report[run]["counts"]


def test_dry_run_then_import_then_the_same_file_then_a_changed_one(
    w, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    before = Contact.objects.count()
    # A person twice in the file (another id, the same details), and two bad rows.
    content = csv_edited(
        CONTACTS,
        lambda lines: [
            *lines,
            lines[2].replace("003000000000000001", "003999999999999999"),
            "003999999999999998,,,Zed,,3/2/2020,,+44 7700 900000,,,,",
            "003999999999999997,,,Zia,Quarry,31/02/2020,,,,,,",
        ],
    )
    job = imported(capture, w.manager, "contacts", "contacts.csv", content, run=False)
    assert job.source_system == "Salesforce"
    assert job.mapping["date_of_birth"] == "Birthdate"
    dry = _counts(job, "dry_run")
    assert dry == {"created": 19, "updated": 0, "unchanged": 0, "matched": 2, "refused": 2}
    matched = {m["row"]: m for m in job.report["dry_run"]["matched"]}
    assert matched[3]["record"] == "Arlo Ashdwon"
    assert set(matched[3]["on"]) >= {"first name", "last name", "date of birth"}
    assert 22 in matched  # the same person again in the file: matched to the row above
    refused = {(r["row"], r["field"]): r["reason"] for r in job.report["dry_run"]["refused"]}
    assert refused[(23, "Last name")] == "Enter the last name."  # the screens' message
    assert "is not a date" in refused[(24, "Date of birth")]
    assert Contact.objects.count() == before and not ImportedRecord.objects.exists()
    with capture(execute=True):
        services.import_start(actor=w.manager, job=job)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and _counts(job) == dry  # dry run equals the run
    assert Contact.objects.count() == before + 19
    child = Contact.objects.get(first_name="Ada", last_name="Ashdown")
    assert child.kind == "child" and child.household.postcode == "SW1A 1AA"
    # The family's second member joined the first's household (its Account ID).
    second_family = Contact.objects.filter(last_name="Birchley").order_by("pk")
    assert len({c.household_id for c in second_family[:2]}) == 1
    download = signed_in(w.partner_a, w.manager).get(f"/imports/{job.public_id}/refused.csv")
    text = b"".join(download.streaming_content).decode()
    assert text.splitlines()[0].endswith(",Reason") and "Enter the last name." in text
    assert ",'+44 7700 900000," in text  # a cell a spreadsheet would run is kept as text

    again = imported(capture, w.manager, "contacts", "contacts.csv", content)
    assert _counts(again) == {
        "created": 0,
        "updated": 0,
        "unchanged": 21,
        "matched": 0,
        "refused": 2,
    }
    assert Contact.objects.count() == before + 19

    changed = csv_edited(CONTACTS, lambda lines: [lines[0], lines[1].replace(",Ada,", ",Adah,")])
    later = imported(capture, w.manager, "contacts", "later.csv", changed)
    assert _counts(later)["updated"] == 1
    child.refresh_from_db()
    assert child.first_name == "Adah"
    event = child.history.order_by("-pgh_id").first()
    assert event.pgh_context["user"] == w.manager.pk
    assert event.pgh_context["reason"] == "Imported from Salesforce (later.csv)"


def test_engagements_and_deliveries_follow_their_contacts(w, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    imported(capture, w.manager, "contacts", "c.csv", sample(CONTACTS))
    engagements = imported(
        capture, w.manager, "engagements", "e.csv", sample("salesforce-engagements.csv")
    )
    assert _counts(engagements)["created"] == 10, engagements.report
    deliveries = imported(
        capture, w.manager, "deliveries", "d.csv", sample("salesforce-deliveries.csv")
    )
    assert _counts(deliveries)["created"] == 20
    assert Engagement.objects.count() == 10 and ServiceDelivery.objects.count() == 20
    assert ServiceDelivery.objects.filter(attendance="absent").exists()
    again = imported(capture, w.manager, "deliveries", "d.csv", sample("salesforce-deliveries.csv"))
    assert _counts(again)["unchanged"] == 20 and ServiceDelivery.objects.count() == 20
    # Deliveries of engagements never imported are refused with the reason.
    orphan = imported(
        capture,
        w.manager,
        "deliveries",
        "o.csv",
        b"Service Delivery ID,Program Engagement ID,Service,Delivery Date\n"
        b"a0Sx,a0Enope,Stay & Play session,2024-02-01\n",
    )
    assert "No engagement imported" in orphan.report["import"]["refused"][0]["reason"]


def test_rows_of_a_contact_merged_away_go_to_the_record_kept(w, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    header, row = sample(CONTACTS).decode().splitlines()[:2]  # Ada Ashdown, a child
    imported(capture, w.manager, "contacts", "c.csv", f"{header}\n{row}\n".encode())
    stub = Contact.objects.get(first_name="Ada", last_name="Ashdown")
    kept = contact_create(
        actor=w.manager,
        kind="child",
        first_name="Adah",
        last_name="Ashdown",
        date_of_birth=date(2019, 1, 1),
        postcode="SW1A 1AA",
    )
    contacts_merge(actor=w.manager, survivor=kept, merged=stub, reason="The same child")
    later = imported(
        capture,
        w.manager,
        "contacts",
        "later.csv",
        f"{header}\n{row.replace(',Ada,', ',Adda,')}\n".encode(),
    )
    assert _counts(later)["updated"] == 1, later.report
    kept.refresh_from_db()
    stub.refresh_from_db()
    assert kept.first_name == "Adda" and stub.first_name == "Ada" and stub.is_removed
    remembered = ImportedRecord.objects.get(record_type="contact", source_id=row.split(",")[0])
    assert remembered.object_id == kept.pk
    # An engagement naming the merged-away contact's old id opens on the record kept.
    engagements = sample("salesforce-engagements.csv").decode().splitlines()[:2]
    imported(capture, w.manager, "engagements", "e.csv", ("\n".join(engagements) + "\n").encode())
    assert Engagement.objects.get().contact == kept


def test_a_dynamics_workbook_is_read(w, django_capture_on_commit_callbacks):
    content = xlsx_of(
        [
            ["(Do Not Modify) Contact", "First Name", "Last Name", "Birthday", "Email"],
            ["d-1", "Mo", "Tarrant", date(1990, 5, 6), "mo@example.org"],
        ]
    )
    job = imported(django_capture_on_commit_callbacks, w.manager, "contacts", "x.xlsx", content)
    assert job.source_system == "Dynamics 365"
    assert _counts(job)["created"] == 1
    assert Contact.objects.get(last_name="Tarrant").date_of_birth == date(1990, 5, 6)


BAD_FILES = {
    "not a spreadsheet": ("notes.pdf", b"%PDF-1.4", "not a spreadsheet"),
    "a workbook that is not one": ("book.xlsx", b"just text", "not a spreadsheet"),
    "binary renamed": ("data.csv", b"ab\x00cd", "not a spreadsheet"),
    "wrong encoding": ("old.csv", "Contact ID,First Name\n1,Zoë\n".encode("latin-1"), "UTF-8"),
    "formula": ("f.csv", b'Contact ID,First Name\n1,=HYPERLINK("x")\n', "holds a formula"),
    "heading twice": ("h.csv", b"Contact ID,Email,email\n1,a,b\n", "appears twice"),
    "no rows": ("e.csv", b"Contact ID,First Name\n", "no rows"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_and_nothing_written(w, case):
    name, content, said = BAD_FILES[case]
    with pytest.raises(Exception) as refused:
        services.import_upload(actor=w.manager, kind_key="contacts", uploaded=upload(name, content))
    assert said in str(refused.value)
    assert not ImportJob.objects.exists()


def test_a_formula_in_a_workbook_and_an_oversized_file_are_refused(w, settings):
    content = xlsx_of([["Contact ID", "First Name"], ["1", "=1+1"]])
    with pytest.raises(Exception, match="holds a formula"):
        services.import_upload(
            actor=w.manager, kind_key="contacts", uploaded=upload("f.xlsx", content)
        )
    settings.CASEBRIDGE_IMPORT_MAX_BYTES = 1000
    with pytest.raises(Exception, match="the most an import takes is"):
        services.import_upload(
            actor=w.manager, kind_key="contacts", uploaded=upload("big.csv", sample(CONTACTS))
        )
    assert not ImportJob.objects.exists()


def test_screens_map_columns_and_refuse_a_column_chosen_twice(w):
    manager = signed_in(w.partner_a, w.manager)
    page = manager.post(
        "/imports/new/", {"kind": "contacts", "file": upload("c.csv", sample(CONTACTS))}
    )
    job = ImportJob.objects.get()
    assert page.status_code == 302 and page.url == f"/imports/{job.public_id}/"
    detail = body(manager.get(page.url))
    assert "Ashdown" in detail and "Mailing Zip/Postal Code" in detail  # preview, columns
    chosen = {**job.mapping, "source_system": job.source_system, "phone": "Email"}
    refused = body(manager.post(page.url, chosen))
    assert "The column “Email” is already chosen for phone" in refused
    with pytest.raises(Exception, match="Check the file"):  # never before its dry run
        services.import_start(actor=w.manager, job=job)
    job.refresh_from_db()
    assert (
        job.status == ImportStatus.UPLOADED
        and not Contact.objects.filter(last_name="Ashdown").exists()
    )


def test_only_managers_of_the_partner(w, django_capture_on_commit_callbacks):
    content = sample(CONTACTS) + b"003x,,,Zed,,,,,,,,\n"  # a refused row
    job = imported(
        django_capture_on_commit_callbacks, w.manager, "contacts", "c.csv", content, run=False
    )
    job_url = f"/imports/{job.public_id}/"
    urls = [job_url, f"{job_url}refused.csv"]
    practitioner = signed_in(w.partner_a, w.practitioner)
    for url in ["/imports/", "/imports/new/", *urls]:
        assert practitioner.get(url).status_code == 403, url
    assert practitioner.post(f"{job_url}run/").status_code == 403
    assert "imports-link" not in body(practitioner.get("/contacts/"))
    manager = signed_in(w.partner_a, w.manager)
    assert "imports-link" in body(manager.get("/contacts/"))
    page = body(manager.get(job_url))
    assert f'action="{job_url}run/"' in page and 'data-testid="refused-download"' in page
    url_coverage.record_offered("import_run", {"public_id": job.public_id}, w.partner_a.schema_name)
    assert manager.get(f"{job_url}refused.csv").status_code == 200
    with schema_context(w.partner_b.schema_name):
        stranger = user_with("supervisor")  # the support line's manager
    other = signed_in(w.partner_b, stranger)
    for url in urls:
        assert other.get(url).status_code == 404, url
    assert other.post(f"{job_url}run/").status_code == 404
    assert str(job.public_id) not in body(other.get("/imports/"))
    connection.set_tenant(w.partner_a)
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED  # nobody refused started it

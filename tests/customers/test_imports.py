"""A borough's customers imported from its old referral database's customer report
(issue 18): created, then a later file updates, leaves alone and matches by the housing
reference; casework's kinds are not offered at a borough."""

import pytest

from casework.imports import services
from casework.imports.models import ImportedRecord
from customers.models import Customer
from customers.services.customers import customer_create
from customers.services.duplicates import customers_merge
from tests.casework.imports.helpers import imported, upload

HEADER = b"Customer ID,Forename,Surname,Date of Birth,Postcode,Telephone,Housing Reference\n"
ROWS = b"H-1,Dee,Lowry,02/03/1980,SW1A 1AA,07700 900111,HR-77\nH-2,Bo,Lowry,,,,\n"


def test_a_borough_imports_customers(people, django_capture_on_commit_callbacks):
    capture, champion = django_capture_on_commit_callbacks, people.champion
    job = imported(capture, champion, "customers", "help.csv", HEADER + ROWS)
    assert job.source_system == "HELP database"
    assert job.report["import"]["counts"]["created"] == 2
    changed = HEADER + ROWS.replace(b"Dee,Lowry", b"Dee,Lowrey") + b"H-3,Dee,Lowri,,,,hr-77\n"
    later = imported(capture, champion, "customers", "help.csv", changed)
    counts = later.report["import"]["counts"]
    assert (counts["updated"], counts["unchanged"], counts["matched"]) == (1, 1, 1)
    assert later.report["import"]["matched"][0]["on"][-1] == "housing reference"
    assert Customer.objects.get(housing_reference="HR-77").last_name == "Lowrey"
    assert Customer.objects.count() == 2
    with pytest.raises(Exception, match="Choose what the file holds"):
        services.import_upload(
            actor=champion, kind_key="contacts", uploaded=upload("c.csv", HEADER + ROWS)
        )


def test_a_row_whose_customer_was_merged_away_updates_the_record_kept(
    people, django_capture_on_commit_callbacks
):
    capture, champion = django_capture_on_commit_callbacks, people.champion
    imported(capture, champion, "customers", "help.csv", HEADER + ROWS)
    stub = Customer.objects.get(first_name="Bo")
    kept = customer_create(
        actor=champion, first_name="Bob", last_name="Lowry", phone="07700 900222"
    )
    customers_merge(actor=champion, survivor=kept, merged=stub, reason="The same resident")
    changed = HEADER + ROWS.replace(b"H-2,Bo,Lowry,,,,", b"H-2,Bo,Lowry,,,07700 900333,")
    later = imported(capture, champion, "customers", "help.csv", changed)
    assert later.report["import"]["counts"]["updated"] == 1, later.report
    kept.refresh_from_db()
    stub.refresh_from_db()
    assert kept.phone == "07700 900333" and kept.first_name == "Bo"  # the row's name too
    assert stub.is_removed and stub.phone == ""  # the hidden stub is left alone
    remembered = ImportedRecord.objects.get(record_type="customer", source_id="H-2")
    assert remembered.object_id == kept.pk  # the next row goes straight to it

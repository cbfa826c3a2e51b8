"""A borough's customers imported from its old referral database's customer report
(issue 18): created, then a later file updates, leaves alone and matches by the housing
reference; casework's kinds are not offered at a borough."""

import pytest

from casework.imports import services
from customers.models import Customer
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

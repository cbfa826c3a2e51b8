"""The employment referrals export names whom each referral is about as each side may:
the borough its own customer (name and housing reference), the provider what crossed
with the resident's consent (the name; never the borough's housing reference)."""

import csv
import io

from customers.models import Customer
from reports.services.exports import export_create
from tests.customers.journey import inside
from tests.reports.media import media_in_tmp  # noqa: F401 (autouse fixture)


def rows_of(export) -> list[dict]:
    with export.file.open("rb") as handle:
        return list(csv.DictReader(io.StringIO(handle.read().decode("utf-8-sig"))))


def test_each_side_names_the_resident_as_it_may(known):
    Customer.objects.filter(first_name="Ann").update(housing_reference="HS-ANN")
    borough = {
        row["Referral ID"]: row
        for row in rows_of(
            export_create(actor=known.officer, dataset_key="employment-referrals", fmt="csv")
        )
    }
    ann = borough[str(known.sent["Ann"].public_id)]
    assert (ann["First name"], ann["Last name"], ann["Housing reference"]) == (
        "Ann",
        "Okafor",
        "HS-ANN",
    )
    assert borough[str(known.sent["Ben"].public_id)]["Housing reference"] == ""
    assert ann["Employment entered"] and ann["Status changed on"]
    with inside(known.kappa):
        provider = {
            row["Referral ID"]: row
            for row in rows_of(
                export_create(actor=known.manager, dataset_key="employment-referrals", fmt="csv")
            )
        }
    ann = provider[str(known.sent["Ann"].public_id)]
    assert (ann["First name"], ann["Last name"], ann["Housing reference"]) == ("Ann", "Okafor", "")
    assert ann["Sent or received"] == "Received"
    assert "HS-ANN" not in str(provider)

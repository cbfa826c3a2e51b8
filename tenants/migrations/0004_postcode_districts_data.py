"""Load the shipped postcode areas and districts (tenants/data/postcode_districts.csv)."""

import csv
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "postcode_districts.csv"


def load(apps, schema_editor):
    PostcodeDistrict = apps.get_model("tenants", "PostcodeDistrict")
    with DATA_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            PostcodeDistrict.objects.get_or_create(
                code=row["code"].strip().upper(), defaults={"region": row["region"].strip()}
            )


class Migration(migrations.Migration):
    dependencies = [("tenants", "0003_postcode_districts_and_directory")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

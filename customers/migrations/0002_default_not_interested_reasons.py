"""The reasons every borough starts with (in the template, so clones have them); each
borough then keeps its own list."""

from django.db import migrations

DEFAULT_REASONS = [
    "Already in work",
    "Already in training or education",
    "Health condition or disability",
    "Caring responsibilities",
    "Not the right time",
    "Does not want support",
]


def add_reasons(apps, schema_editor):
    Reason = apps.get_model("customers", "NotInterestedReason")
    for name in DEFAULT_REASONS:
        Reason.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("customers", "0001_customers_and_interest")]

    operations = [migrations.RunPython(add_reasons, migrations.RunPython.noop)]

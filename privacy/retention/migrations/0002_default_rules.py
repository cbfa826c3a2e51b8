"""The UK defaults, in _template and every existing partner (a migration runs in each
schema). Years count from closure or the last change; safeguarding records are kept until
the child's 25th birthday or that many years, whichever is later."""

from django.db import migrations

DEFAULTS = (
    ("support_case", 6, "anonymise"),
    ("anonymous_call", 1, "anonymise"),
    ("safeguarding_call", 6, "anonymise"),
    ("engagement", 6, "anonymise"),
    ("safeguarding_case", 6, "anonymise"),
    ("customer", 2, "anonymise"),
)


def seed(apps, schema_editor):
    RetentionRule = apps.get_model("retention", "RetentionRule")
    for record_type, years, action in DEFAULTS:
        RetentionRule.objects.get_or_create(
            record_type=record_type, defaults={"years": years, "action": action}
        )


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_retention")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""Monitoring actions and the approval history (requests and decisions) are
append-only in the database: UPDATE, DELETE and TRUNCATE raise, whoever asks.
Uses the function of accounts 0002. Also the partner's settings row."""

from django.db import migrations

TABLES = [
    "safeguarding_monitoringaction",
    "safeguarding_closurerequest",
    "safeguarding_closuredecision",
]

TRIGGERS = "\n".join(
    f"""
CREATE TRIGGER {table}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION casebridge_append_only();
CREATE TRIGGER {table}_no_truncate
    BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION casebridge_append_only();
"""
    for table in TABLES
)

DROP = "\n".join(
    f"""
DROP TRIGGER IF EXISTS {table}_append_only ON {table};
DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};
"""
    for table in TABLES
)


def settings_row(apps, schema_editor):
    apps.get_model("safeguarding", "SafeguardingSettings").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("safeguarding", "0001_cases_monitoring_and_closure"),
        ("accounts", "0002_audit_append_only"),
    ]

    operations = [
        migrations.RunSQL(TRIGGERS, DROP),
        migrations.RunPython(settings_row, migrations.RunPython.noop),
    ]

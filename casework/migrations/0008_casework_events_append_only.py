"""The engagements' log of shares, reassignments and closures (CaseworkEvent) is
append-only in the database (the casebridge_append_only() function of accounts 0002):
who was given access to a child's engagement, and when, is never rewritten."""

from django.db import migrations

TABLE = "casework_caseworkevent"


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_audit_append_only"),
        ("casework", "0007_contact_name_sound_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            f"""
CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION casebridge_append_only();
CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION casebridge_append_only();
""",
            f"""
DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE};
DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE};
""",
        )
    ]

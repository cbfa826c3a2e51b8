"""Summary notes, verifications and referral events are append-only in the database
(the casebridge_append_only() function of accounts 0002); a partner's default signpost
categories are seeded (into the template, so every clone has them)."""

from django.db import migrations

TABLES = ["referrals_casenote", "referrals_caseverification", "referrals_referralevent"]

TRIGGERS = "".join(
    f"""
CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION casebridge_append_only();
CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION casebridge_append_only();
"""
    for table in TABLES
)
DROP = "".join(
    f"""
DROP TRIGGER IF EXISTS {table}_append_only ON {table};
DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};
"""
    for table in TABLES
)

SIGNPOSTS = [
    "Befriending and loneliness",
    "Bereavement support",
    "Domestic abuse support",
    "Financial and benefits advice",
    "Food banks and food support",
    "Health services",
    "Housing",
    "Local council services",
    "Mental health and wellbeing",
    "Other",
]


def seed_signposts(apps, schema_editor):
    SignpostCategory = apps.get_model("referrals", "SignpostCategory")
    for name in SIGNPOSTS:
        SignpostCategory.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0001_support_cases_and_exchange"),
        ("accounts", "0002_audit_append_only"),
    ]

    operations = [
        migrations.RunSQL(TRIGGERS, DROP),
        migrations.RunPython(seed_signposts, migrations.RunPython.noop),
    ]

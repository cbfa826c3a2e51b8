# Each kind of partner starts from its own consent review period
# (casework.consent.REVIEW_MONTHS_BY_KIND). A partner still holding the old single
# default (12 months) gets its kind's; one whose officer chose another keeps it. Review
# dates already set stay as they are until consent is recorded again, as when the
# officer changes the setting. Runs in each schema: the kind is read from public.

from django.db import migrations

BY_KIND = {"family_centre": 12, "support_line": 12, "borough": 24, "provider": 6}
OLD_DEFAULT = 12


def forwards(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT kind FROM public.tenants_partner WHERE schema_name = current_schema()"
        )
        row = cursor.fetchone()
        months = BY_KIND.get(row[0]) if row else None
        if months is None or months == OLD_DEFAULT:  # the template, public, or no change
            return
        cursor.execute(
            "UPDATE casework_caseworksettings SET consent_review_months = %s"
            " WHERE consent_review_months = %s",
            [months, OLD_DEFAULT],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0014_consent_review_date"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

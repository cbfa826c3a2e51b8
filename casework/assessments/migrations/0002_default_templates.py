"""Partners that existed before assessments get the default templates too (new partners
get them with the template schema they are cloned from)."""

from django.db import migrations


def seed(apps, schema_editor):
    from casework.assessments.defaults import defaults_create

    defaults_create(
        apps.get_model("assessments", "AssessmentTemplate"),
        apps.get_model("assessments", "TemplateVersion"),
    )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_assessments")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

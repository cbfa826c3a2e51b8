from django.db import migrations

DEFAULT_TYPES = ("Injury", "Behaviour", "Missing from home", "Allegation", "Other")


def seed(apps, schema_editor):
    IncidentType = apps.get_model("incidents", "IncidentType")
    for position, name in enumerate(DEFAULT_TYPES, start=1):
        IncidentType.objects.get_or_create(name=name, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_incidents")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

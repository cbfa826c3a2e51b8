from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("retention", "0005_blanking_json_audit_context")]

    operations = [
        migrations.AddField(
            model_name="legalhold",
            name="release_reason",
            field=models.CharField(blank=True, max_length=500),
        ),
    ]

"""Summary notes get a UUID public id (to be corrected through GraphQL and the portal).
The rows are append-only, so existing rows get theirs while the column is added."""

import uuid

from django.db import migrations, models

from tenants.corrections import public_id_sql

TABLE = "referrals_casenote"


class Migration(migrations.Migration):
    dependencies = [("referrals", "0002_append_only_and_signposts")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(*public_id_sql(TABLE))],
            state_operations=[
                migrations.AddField(
                    model_name="casenote",
                    name="public_id",
                    field=models.UUIDField(default=uuid.uuid4, editable=False),
                )
            ],
        ),
        migrations.AlterField(
            model_name="casenote",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]

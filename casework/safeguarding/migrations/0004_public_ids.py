"""Monitoring actions and closure decisions get a UUID public id (to be corrected through
GraphQL and the portal). The rows are append-only, so existing rows get theirs while the
column is added."""

import uuid

from django.db import migrations, models

from tenants.corrections import public_id_sql


def _public_id(model_name: str, table: str) -> list:
    return [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(*public_id_sql(table))],
            state_operations=[
                migrations.AddField(
                    model_name=model_name,
                    name="public_id",
                    field=models.UUIDField(default=uuid.uuid4, editable=False),
                )
            ],
        ),
        migrations.AlterField(
            model_name=model_name,
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [("safeguarding", "0003_case_history")]

    operations = [
        *_public_id("monitoringaction", "safeguarding_monitoringaction"),
        *_public_id("closuredecision", "safeguarding_closuredecision"),
    ]

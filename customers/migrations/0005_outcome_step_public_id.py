"""Outcome steps get a UUID public id (for GraphQL global ids). The rows are append-only
(a trigger refuses UPDATE), so existing rows get theirs from the column's default while
the column is added, not by updating them; new steps share one id on both copies."""

import uuid

from django.db import migrations, models

TABLE = "customers_outcomestep"


class Migration(migrations.Migration):
    dependencies = [("customers", "0004_outcome_steps_append_only")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f"""
ALTER TABLE {TABLE} ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE {TABLE} ALTER COLUMN public_id DROP DEFAULT;
""",
                    f"ALTER TABLE {TABLE} DROP COLUMN public_id;",
                )
            ],
            state_operations=[
                migrations.AddField(
                    model_name="outcomestep",
                    name="public_id",
                    field=models.UUIDField(default=uuid.uuid4, editable=False),
                )
            ],
        ),
        migrations.AddConstraint(
            model_name="outcomestep",
            constraint=models.UniqueConstraint(
                fields=("public_id",), name="outcome_step_public_id_once"
            ),
        ),
    ]

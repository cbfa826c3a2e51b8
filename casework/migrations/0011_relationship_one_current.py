"""Once today's pairs are consistent (0010): one current relationship between two people
in each direction, kept by the database."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("casework", "0010_relationship_pairs_consistent")]

    operations = [
        migrations.AddConstraint(
            model_name="relationship",
            constraint=models.UniqueConstraint(
                condition=models.Q(("removed_at__isnull", True)),
                fields=("contact", "other"),
                name="relationship_one_current",
            ),
        ),
    ]

"""pg_trgm in the public schema, once per database: every partner's search path ends
in public, so their trigram indexes and similarity() find it there."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("tenants", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;",
            migrations.RunSQL.noop,
        )
    ]

"""fuzzystrmatch (double metaphone) in the public schema, once per database, like pg_trgm:
every partner's search path ends in public, so their name-sound indexes find it there."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("tenants", "0005_merge_parallel_work")]

    operations = [
        migrations.RunSQL(
            "CREATE EXTENSION IF NOT EXISTS fuzzystrmatch SCHEMA public;",
            migrations.RunSQL.noop,
        )
    ]

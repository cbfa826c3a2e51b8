"""Summary notes are answered by correction entries, append-only like them."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from tenants.corrections import append_only_sql


class Migration(migrations.Migration):

    dependencies = [
        ('referrals', '0003_case_note_public_id'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CaseNoteCorrection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('error', 'Entered in error'), ('corrected', 'Corrected')], max_length=10)),
                ('text', models.TextField()),
                ('author_name', models.CharField(max_length=200)),
                ('at', models.DateTimeField(auto_now_add=True)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('note', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='referrals.casenote')),
            ],
            options={
                'ordering': ['at', 'id'],
                'abstract': False,
            },
        ),
        migrations.RunSQL(*append_only_sql("referrals_casenotecorrection")),
    ]

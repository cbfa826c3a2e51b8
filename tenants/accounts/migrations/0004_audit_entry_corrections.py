"""Audit entries are answered by correction entries, append-only like them."""

import django.db.models.deletion
from django.db import migrations, models

from tenants.corrections import append_only_sql


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_api_tokens'),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditEntryCorrection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('error', 'Entered in error'), ('corrected', 'Corrected')], max_length=10)),
                ('text', models.TextField()),
                ('author_name', models.CharField(max_length=200)),
                ('at', models.DateTimeField(auto_now_add=True)),
                ('author_username', models.CharField(max_length=150)),
                ('author_is_platform', models.BooleanField(default=False)),
                ('entry', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='accounts.auditentry')),
            ],
            options={
                'ordering': ['at', 'id'],
                'abstract': False,
            },
        ),
        migrations.RunSQL(*append_only_sql("accounts_auditentrycorrection")),
    ]

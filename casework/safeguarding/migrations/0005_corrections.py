"""Monitoring actions and closure decisions are answered by correction entries, append-only like them."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from tenants.corrections import append_only_sql


class Migration(migrations.Migration):

    dependencies = [
        ('safeguarding', '0004_public_ids'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ClosureDecisionCorrection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('error', 'Entered in error'), ('corrected', 'Corrected')], max_length=10)),
                ('text', models.TextField()),
                ('author_name', models.CharField(max_length=200)),
                ('at', models.DateTimeField(auto_now_add=True)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('decision', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='safeguarding.closuredecision')),
            ],
            options={
                'ordering': ['at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='MonitoringActionCorrection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('error', 'Entered in error'), ('corrected', 'Corrected')], max_length=10)),
                ('text', models.TextField()),
                ('author_name', models.CharField(max_length=200)),
                ('at', models.DateTimeField(auto_now_add=True)),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='safeguarding.monitoringaction')),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['at', 'id'],
                'abstract': False,
            },
        ),
        migrations.RunSQL(*append_only_sql("safeguarding_monitoringactioncorrection")),
        migrations.RunSQL(*append_only_sql("safeguarding_closuredecisioncorrection")),
    ]
